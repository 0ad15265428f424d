package org.talecamel.llm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable store of usable chat responses, each with the run that asked for it and when: a resumed run never pays
 * twice for an answer it received before it was killed. Which entries a run may use is the {@link CachePolicy}'s
 * call: by default only its own. The key is a SHA-256 of the endpoint's host and port (and Azure deployment) and
 * the request body as sent (model, messages, temperature, max_tokens, seed).
 *
 * <p>Entries are lines appended to a journal, one per process that wrote any:
 * {@code <folder>/responses-<yyyyMMdd-HHmmss>-<pid>.jsonl}, each line
 * {@code {"key":"<64 hex>","run":"<run id>","at":<epoch ms>,"response":"<the response body as received>"}}, with
 * {@code "batch":true} before the response when it came in a batch. A line is written with one {@code write}
 * that the kernel finishes even if the process is killed, and only its own process appends to a journal, so at
 * worst a power cut leaves a last line without its end, which is skipped. Appending costs a few microseconds, where a
 * file per entry cost the kernel 100-300 µs to create.
 *
 * <p>Lookups go through an index in memory (the first 64 bits of each key and where its line starts, about 90 bytes
 * per entry), read from the journals while the application starts ({@link #loadInBackground}) or at the first
 * lookup. A miss brings it up to date with what other processes appended meanwhile, at most once per
 * {@code refreshEvery}.
 */
public final class ResponseCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory JSON_FACTORY = JSON.getFactory();
    private static final byte[] LINE_START = "{\"key\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_HEX = 64;
    private static final int HEADER = LINE_START.length + KEY_HEX;
    private static final int FILE_BITS = 16;
    private static final int OFFSET_BITS = Long.SIZE - FILE_BITS;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path folder;
    private final String endpoint;
    private final long refreshEveryNanos;

    /** key's first 64 bits -> journal number (high 16 bits) and where its line starts (low 48 bits) */
    private final Map<Long, Long> index = new ConcurrentHashMap<>();
    /** journals by number; guarded by {@link #refreshing} (appended only) */
    private final List<Path> journals = new ArrayList<>();
    /** bytes of each other process's journal read into the index so far; guarded by {@link #refreshing} */
    private final Map<Path, Long> scanned = new HashMap<>();
    private final Map<Integer, FileChannel> readers = new ConcurrentHashMap<>();
    private final ReentrantLock refreshing = new ReentrantLock();
    private final AtomicInteger writeFailures = new AtomicInteger();
    private volatile boolean loaded;
    private volatile long lastRefresh;

    /** this process's journal, opened at its first entry; guarded by {@code this} */
    private FileChannel journal;
    private int journalNumber;
    private long journalSize;

    /** @param chatUrl the endpoint's chat URL; only its host and port go into the key */
    public ResponseCache(Path folder, String chatUrl) {
        this(folder, chatUrl, Duration.ofSeconds(1));
    }

    ResponseCache(Path folder, String chatUrl, Duration refreshEvery) {
        this(folder, refreshEvery, hostAndPort(chatUrl));
    }

    /** @param endpoint what names the endpoint in every key */
    private ResponseCache(Path folder, Duration refreshEvery, String endpoint) {
        this.folder = folder;
        this.endpoint = endpoint;
        this.refreshEveryNanos = refreshEvery.toNanos();
    }

    /**
     * The cache of the built-in simulator's answers. It listens on a new port at each start, so its key names it,
     * not its address: a run resumed after a restart finds what the simulator had answered.
     */
    public static ResponseCache ofSimulator(Path folder) {
        return new ResponseCache(folder, Duration.ofSeconds(1), "tale-camel simulator");
    }

    /** The cache of an endpoint named by {@code scope} in every key ({@link Connection#cacheScope}). */
    public static ResponseCache of(Path folder, String scope) {
        return new ResponseCache(folder, Duration.ofSeconds(1), scope);
    }

    private static String hostAndPort(String chatUrl) {
        URI uri = URI.create(chatUrl);
        return uri.getHost() + ":" + uri.getPort();
    }

    public String key(String requestBody) {
        return key(endpoint, requestBody);
    }

    /** The key of a request to another endpoint than this cache's own (a model's own connection). */
    public String key(String scope, String requestBody) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(scope.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(requestBody.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Reads the journals into the index on a thread of its own, while the rest of the application starts, instead
     * of in the first call (about 2 s per million entries). Lookups meanwhile wait for it.
     */
    public void loadInBackground() {
        Thread thread = new Thread(() -> {
            try {
                refresh(true);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot read the response cache in {} ({}); calls will be made", folder, e.toString());
            }
        }, "tale-cache-load");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A stored response: the body as received, the run that asked for it, and when it arrived.
     *
     * @param runId    null for an entry written before entries named their run
     * @param storedAt null likewise
     * @param inABatch whether it was answered in a batch of the provider's Batch API (at its batch price)
     */
    public record Entry(String response, String runId, Instant storedAt, boolean inABatch) {
    }

    /** The newest response stored under this key; empty when there is none, or when the cache cannot be read. */
    public Optional<Entry> get(String key) {
        try {
            if (!loaded) {
                refresh(true);
            }
            Long at = index.get(prefix(key));
            if (at == null && System.nanoTime() - lastRefresh > refreshEveryNanos) {
                refresh(false);
                at = index.get(prefix(key));
            }
            return at == null ? Optional.empty() : read(at, key);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a cache that cannot be read is a miss: the call is made
        }
    }

    /**
     * Stores a response body that run {@code runId} received now: one line appended to this process's journal. A
     * response that cannot be stored (a full disk, say) is still the call's answer: the first such failure is logged
     * as a warning, later ones at debug level.
     */
    public void put(String key, String runId, String responseBody) {
        put(key, runId, responseBody, false);
    }

    /** As {@link #put(String, String, String)}, noting whether the response came in a batch (at its batch price). */
    public void put(String key, String runId, String responseBody, boolean inABatch) {
        if (key.length() != KEY_HEX) {
            throw new IllegalArgumentException("not a cache key: " + key);
        }
        byte[] line = line(key, runId, Instant.now(), responseBody, inABatch);
        try {
            if (!loaded) {
                refresh(true);
            }
            long at;
            synchronized (this) {
                if (journal == null) {
                    openJournal();
                }
                at = (long) journalNumber << OFFSET_BITS | journalSize;
                try {
                    ByteBuffer bytes = ByteBuffer.wrap(line);
                    while (bytes.hasRemaining()) {
                        journal.write(bytes);
                    }
                } catch (IOException e) {
                    // part of the line may be written: the next entry goes to a new journal, not after it
                    closeQuietly(journal);
                    journal = null;
                    throw e;
                }
                journalSize += line.length;
            }
            index.put(prefix(key), at);
        } catch (IOException | RuntimeException e) {
            String message = "Cannot write the response cache in " + folder + " (" + e + "): the answer is used, but a "
                    + "rerun or a resumed run will ask for it again";
            if (writeFailures.getAndIncrement() == 0) {
                LOG.warn("{}; further failures are logged at debug level", message);
            } else {
                LOG.debug(message);
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closeQuietly(journal);
            journal = null; // a later entry opens a new journal
        }
        readers.values().forEach(ResponseCache::closeQuietly);
        readers.clear();
    }

    private void openJournal() throws IOException {
        Files.createDirectories(folder);
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP);
        Path path = folder.resolve("responses-" + stamp + "-" + ProcessHandle.current().pid() + ".jsonl");
        for (int n = 2; Files.exists(path); n++) { // reopened after close() within the same second
            path = folder.resolve("responses-" + stamp + "-" + ProcessHandle.current().pid() + "-" + n + ".jsonl");
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        refreshing.lock();
        try {
            journalNumber = number(path);
            scanned.put(path, Long.MAX_VALUE); // indexed as written, never read back
        } finally {
            refreshing.unlock();
        }
        journal = channel;
        journalSize = 0;
    }

    /**
     * Reads into the index what the journals gained since the last time. The first time, every caller waits for it;
     * later, a caller that finds another one refreshing goes on without waiting.
     */
    private void refresh(boolean first) throws IOException {
        if (first) {
            refreshing.lock();
        } else if (!refreshing.tryLock()) {
            return;
        }
        try {
            if (first && loaded) {
                return;
            }
            if (Files.isDirectory(folder)) {
                List<Path> found;
                try (Stream<Path> files = Files.list(folder)) {
                    found = files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
                }
                for (Path file : found) {
                    long from = scanned.getOrDefault(file, 0L);
                    if (from != Long.MAX_VALUE && Files.size(file) > from) {
                        scanned.put(file, scan(file, number(file), from));
                    }
                }
            }
            lastRefresh = System.nanoTime();
            loaded = true;
        } finally {
            refreshing.unlock();
        }
    }

    /** Indexes the whole lines of a journal from {@code from} on; returns where the first line not yet whole starts. */
    private long scan(Path file, int number, long from) throws IOException {
        byte[] header = new byte[HEADER];
        int headerLength = 0;
        long lineStart = from;
        long position = from;
        byte[] chunk = new byte[1 << 16];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             InputStream in = Channels.newInputStream(channel.position(from))) {
            for (int n; (n = in.read(chunk)) > 0; ) {
                for (int i = 0; i < n; i++, position++) {
                    byte b = chunk[i];
                    if (b == '\n') {
                        if (headerLength == HEADER && startsLine(header)) {
                            index(new String(header, LINE_START.length, KEY_HEX, StandardCharsets.US_ASCII),
                                    (long) number << OFFSET_BITS | lineStart);
                        }
                        lineStart = position + 1;
                        headerLength = 0;
                    } else if (headerLength < HEADER) {
                        header[headerLength++] = b;
                    }
                }
            }
        }
        return lineStart;
    }

    /** A line that does not start with a key (written by hand, say) is left out; reading it would be a miss anyway. */
    private void index(String key, long at) {
        try {
            index.put(prefix(key), at);
        } catch (NumberFormatException e) {
            // not a key
        }
    }

    private Optional<Entry> read(long at, String key) throws IOException {
        int number = (int) (at >>> OFFSET_BITS);
        long position = at & (1L << OFFSET_BITS) - 1;
        FileChannel channel = readers.computeIfAbsent(number, this::openReader);
        ByteArrayOutputStream line = new ByteArrayOutputStream(2048);
        ByteBuffer chunk = ByteBuffer.allocate(4096);
        for (int n; (n = channel.read(chunk.clear(), position)) > 0; position += n) {
            int end = indexOf(chunk.array(), n, (byte) '\n');
            line.write(chunk.array(), 0, end < 0 ? n : end);
            if (end >= 0) {
                JsonNode entry = JSON.readTree(line.toByteArray());
                // the index holds only the first 64 bits of a key: a line of another key is a miss
                if (!key.equals(entry.path("key").asText()) || !entry.path("response").isTextual()) {
                    return Optional.empty();
                }
                return Optional.of(new Entry(entry.get("response").asText(),
                        entry.path("run").isTextual() ? entry.get("run").asText() : null,
                        entry.path("at").canConvertToLong() ? Instant.ofEpochMilli(entry.get("at").asLong()) : null,
                        entry.path("batch").asBoolean(false)));
            }
        }
        return Optional.empty(); // a line without its end
    }

    private FileChannel openReader(int number) {
        Path file;
        refreshing.lock();
        try {
            file = journals.get(number);
        } finally {
            refreshing.unlock();
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The journal's number in the index; called with {@link #refreshing} held. */
    private int number(Path file) {
        int number = journals.indexOf(file);
        if (number >= 0) {
            return number;
        }
        if (journals.size() == 1 << FILE_BITS) {
            throw new IllegalStateException("more than " + (1 << FILE_BITS) + " journals in " + folder);
        }
        journals.add(file);
        return journals.size() - 1;
    }

    private static byte[] line(String key, String runId, Instant storedAt, String responseBody, boolean inABatch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(responseBody.length() + 160);
        try (JsonGenerator json = JSON_FACTORY.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("key", key); // first: the index is read from the start of each line
            json.writeStringField("run", runId);
            json.writeNumberField("at", storedAt.toEpochMilli());
            if (inABatch) {
                json.writeBooleanField("batch", true);
            }
            json.writeStringField("response", responseBody);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    private static boolean startsLine(byte[] header) {
        for (int i = 0; i < LINE_START.length; i++) {
            if (header[i] != LINE_START[i]) {
                return false;
            }
        }
        return true;
    }

    private static long prefix(String key) {
        return Long.parseUnsignedLong(key, 0, 16, 16);
    }

    private static int indexOf(byte[] bytes, int length, byte b) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a journal: nothing is lost, every line was written whole
            }
        }
    }
}
