package org.talecamel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.Configuration;
import org.apache.camel.component.http.HttpComponent;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.OrderedLocationProperties;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.talecamel.api.HttpAccess;
import org.talecamel.api.HttpGuard;
import org.talecamel.api.RunViews;
import org.talecamel.api.TrendViews;
import org.talecamel.api.Uploads;
import org.talecamel.batchapi.BatchApi;
import org.talecamel.batchapi.BatchCalls;
import org.talecamel.batchapi.BatchSettings;
import org.talecamel.broker.Broker;
import org.talecamel.broker.BrokerSettings;
import org.talecamel.broker.ProblemsQueue;
import org.talecamel.broker.RemoteCalls;
import org.talecamel.broker.ResultsTopic;
import org.talecamel.broker.WorkerSteps;
import org.talecamel.budget.ElasticityLevels;
import org.talecamel.flow.ApiSteps;
import org.talecamel.flow.BatchJobSteps;
import org.talecamel.cost.PriceTable;
import org.talecamel.flow.ChatSteps;
import org.talecamel.gates.GateKeys;
import org.talecamel.gates.GateLimits;
import org.talecamel.gates.GateSetting;
import org.talecamel.llm.CachePolicy;
import org.talecamel.llm.CallMode;
import org.talecamel.llm.Connection;
import org.talecamel.llm.Connections;
import org.talecamel.llm.ContextWindow;
import org.talecamel.llm.EndpointCircuit;
import org.talecamel.llm.HeaderPacing;
import org.talecamel.llm.KeyRefusal;
import org.talecamel.llm.ModelTable;
import org.talecamel.llm.Preset;
import org.talecamel.llm.ReasoningEffort;
import org.talecamel.llm.ProviderSettings;
import org.talecamel.llm.RateLimits;
import org.talecamel.llm.RequestShape;
import org.talecamel.llm.ResponseCache;
import org.talecamel.llm.RetryPolicy;
import org.talecamel.llm.SimulatedEndpoint;
import org.talecamel.llm.SimulatorSettings;
import org.talecamel.flow.EvaluationSteps;
import org.talecamel.flow.InboxPolls;
import org.talecamel.flow.InboxSteps;
import org.talecamel.flow.InterruptRunsOnStop;
import org.talecamel.flow.NightlySteps;
import org.talecamel.metrics.TaleMetrics;
import org.talecamel.outcome.OutcomeWriter;
import org.talecamel.method.Method;
import org.talecamel.method.Prompts;
import org.talecamel.problems.Problem;
import org.talecamel.run.Endpoint;
import org.talecamel.run.Measures;
import org.talecamel.run.ModelTarget;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.talecamel.run.RunCoordinator;
import org.talecamel.run.RunManifest;
import org.talecamel.run.Progress;
import org.talecamel.run.RunListener;
import org.talecamel.run.RunSettings;
import org.talecamel.run.SpendCap;
import org.talecamel.scoring.Scoring;
import org.talecamel.run.RunOutcome;
import org.talecamel.suite.Staging;
import org.talecamel.suite.Suite;

/**
 * Wires the beans the routes call, from {@code config/application.properties}. For the simulator provider it also
 * starts the built-in simulated endpoint, and connects the calls to it.
 */
@Configuration
public class TaleConfiguration implements CamelConfiguration {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TaleConfiguration.class);

    private static final String LLM_PREFIX = "tale.llm.";
    /** A model's own provider settings: {@code tale.model.<name>.base-url} and the like. */
    private static final String MODEL_PREFIX = "tale.model.";

    /** Registry name of the {@link RunListener} the command line puts in; a logging one is used without it. */
    static final String RUN_LISTENER = "taleRunListener";
    /** Registry name of the API's {@link HttpAccess}, for an HTTP server other than the embedded one to check. */
    public static final String HTTP_ACCESS = "taleHttpAccess";
    /** How long calls wait with no worker's answer before a coordinator says that no worker may be running. */
    private static final long NO_WORKER_WARNING_MS = 30_000;
    /** Set by the command line's {@code --worker}: this process makes the calls of coordinators, and runs nothing. */
    static final String WORKER = "tale.worker";
    /** Set by the command line when it runs named files or a suite: the fresh inbox they were copied into. */
    static final String STAGED_INBOX = "tale.staged-inbox";
    /** Derived: whether the inbox reads a poll's files one after another (calls one by one) or at once (batch mode). */
    static final String INBOX_ONE_FILE_AT_A_TIME = "tale.inbox.one-file-at-a-time";

    /**
     * The Camel application, configured from {@code config} and reporting finished runs to {@code listener}: the
     * jar's and the WAR's alike.
     *
     * @param listener told of each run that finishes or is interrupted; null logs them
     */
    public static Main newMain(Class<?> application, Path config, RunListener listener) {
        // the configuration class is named, not found by scanning the package (the scan loads every class: ~0.5 s)
        Main main = new Main(application, TaleConfiguration.class);
        main.configure().setBasePackageScanEnabled(false);
        main.setPropertyPlaceholderLocations("file:" + config);
        if (listener != null) {
            main.bind(RUN_LISTENER, listener);
        }
        return main;
    }

    @PropertyInject("tale.output")
    private String output;
    @PropertyInject("tale.methods")
    private String methods;
    @PropertyInject("tale.budget.fallback")
    private int budgetFallback;
    @PropertyInject(value = "tale.budget.hard-cap-factor", defaultValue = "0")
    private double hardCapFactor;
    @PropertyInject(value = "tale.elasticity.budgets", defaultValue = "1/32,1/16,1/8,1/4,1/2,1")
    private String elasticityBudgets;
    @PropertyInject(value = "tale.prices", defaultValue = "config/prices.csv")
    private String pricesFile;
    @PropertyInject(value = "tale.llm.models-table", defaultValue = "config/models.csv")
    private String modelsFile;
    @PropertyInject(value = "tale.llm.reasoning-effort", defaultValue = "")
    private String reasoningEffort;
    @PropertyInject(value = "tale.progress.interval-ms", defaultValue = "10000")
    private long progressIntervalMs;
    @PropertyInject(value = "tale.nightly.suites", defaultValue = " ")
    private String nightlySuites;
    @PropertyInject(value = "tale.llm.retry.attempts", defaultValue = "4")
    private int retryAttempts;
    @PropertyInject(value = "tale.llm.retry.initial-delay-ms", defaultValue = "1000")
    private long retryInitialMs;
    @PropertyInject(value = "tale.llm.retry.max-delay-ms", defaultValue = "60000")
    private long retryMaxMs;
    @PropertyInject(value = "tale.llm.circuit.failures", defaultValue = "5")
    private int circuitFailures;
    @PropertyInject(value = "tale.llm.circuit.open-ms", defaultValue = "30000")
    private long circuitOpenMs;
    @PropertyInject(value = "tale.llm.circuit.when-open", defaultValue = "wait")
    private String circuitWhenOpen;
    @PropertyInject(value = "tale.llm.context-tokens", defaultValue = "0")
    private int contextTokens;
    @PropertyInject(value = "tale.llm.max-requests-per-minute", defaultValue = "0")
    private int maxRequestsPerMinute;
    @PropertyInject(value = "tale.llm.max-tokens-per-minute", defaultValue = "0")
    private int maxTokensPerMinute;
    @PropertyInject(value = "tale.cache.enabled", defaultValue = "true")
    private boolean cacheEnabled;
    @PropertyInject(value = "tale.cache.across-runs", defaultValue = "false")
    private boolean cacheAcrossRuns;
    @PropertyInject(value = "tale.cache.max-age-hours", defaultValue = "24")
    private long cacheMaxAgeHours;
    @PropertyInject(value = "tale.health.llm-timeout-ms", defaultValue = "2000")
    private long healthTimeoutMs;
    @PropertyInject("tale.concurrency")
    private int concurrency;
    @PropertyInject("tale.llm.model")
    private String model;
    @PropertyInject("tale.llm.temperature")
    private double temperature;
    @PropertyInject(value = "tale.preset", defaultValue = "default")
    private String preset;
    @PropertyInject(value = "tale.scoring", defaultValue = "strict")
    private String scoring;
    @PropertyInject(value = "tale.suite", defaultValue = "inbox")
    private String suite;
    @PropertyInject("tale.inbox")
    private String inbox;
    /** The folder relative paths are read from: the working folder standalone, {@code tale.home} in a server. */
    @PropertyInject(value = "tale.home", defaultValue = ".")
    private String home;
    @PropertyInject("tale.simulator.port")
    private int simulatorPort;
    @PropertyInject("tale.simulator.seed")
    private long simulatorSeed;
    @PropertyInject(value = "tale.simulator.latency-ms", defaultValue = "0")
    private long simulatorLatencyMs;
    @PropertyInject(value = "tale.simulator.batch.processing-ms", defaultValue = "2000")
    private long simulatorBatchMs;
    @PropertyInject(value = "tale.simulator.batch.outcome", defaultValue = "completed")
    private String simulatorBatchOutcome;
    @PropertyInject(value = "tale.simulator.knowledge", defaultValue = "")
    private String simulatorKnowledge;
    @PropertyInject(value = "tale.http.port", defaultValue = "8080")
    private int httpPort;
    @PropertyInject(value = "tale.http.max-upload-bytes", defaultValue = "52428800")
    private long maxUploadBytes;
    /** Which parameters each model takes ({@code tale.llm.models-table}); the simulator imitates its reasoning rows. */
    private ModelTable modelTable = ModelTable.classic();
    /** Told of each problem a run reads: the simulator learns it then, however the problem arrived. */
    private Consumer<Problem> problemRead = problem -> { };

    @Override
    public void configure(CamelContext context) throws Exception {
        Function<String, Optional<String>> property = configured(context);
        // first, so that an unsafe address stops the service before anything starts
        boolean embeddedServer = property.apply("camel.server.enabled").map(Boolean::parseBoolean).orElse(false);
        // the API on the embedded server, or (in a Jakarta EE server) on the server's own HTTP
        boolean api = property.apply("tale.http.api-enabled").map(Boolean::parseBoolean).orElse(embeddedServer);
        // the address the server will bind, however it was set (CAMEL_SERVER_HOST too); Camel's own default is 0.0.0.0
        String bindHost = property.apply("camel.server.host").orElse("0.0.0.0");
        HttpAccess access = api ? HttpAccess.of(bindHost, property.apply("tale.http.token").orElse(null),
                property.apply("tale.http.token-file").orElse(null)) : null;
        List<Method> methodList = Method.listOf(methods);
        modelTable = models();
        RequestShape requestShape = new RequestShape(Preset.of(preset), temperature, hardCapFactor, modelTable);
        List<ReasoningEffort> efforts = ReasoningEffort.listOf(reasoningEffort);
        // what the budget service asks with, and the start-up line describes: the first
        ReasoningEffort effort = efforts.isEmpty() ? null : efforts.get(0);
        if (methodList.contains(Method.TALE_NATIVE)) {
            String none = requestShape.noNativeBudgetOrNull(model);
            if (none != null) {
                throw new IllegalArgumentException("tale.methods: " + none + " (set it there, or leave tale-native out)");
            }
        }
        // the folder the inbox route watches: derived, so that files named on the command line are not
        // overridden by a TALE_INBOX set in the environment
        Optional<String> stagedInbox = property.apply(STAGED_INBOX);
        boolean staged = stagedInbox.isPresent();
        inbox = stagedInbox.orElse(inbox);
        context.getPropertiesComponent().addOverrideProperty("tale.inbox-folder", inbox);
        // before the simulator starts: a worker without a broker is refused at once
        Optional<BrokerSettings> broker = BrokerSettings.from(property, Path.of(output));
        Broker.Role role = role(property, broker);
        Connection connection = connect(context, ProviderSettings.from(property));
        Endpoint endpoint = Endpoint.of(connection, model);

        TaleMetrics metrics = ObserveEndpoints.wire(context, property, connection, Duration.ofMillis(healthTimeoutMs));
        Registry registry = context.getRegistry();
        RunListener listener = registry.lookupByNameAndType(RUN_LISTENER, RunListener.class);
        List<String> methodIds = methodList.stream().map(Method::id).toList();
        List<ModelTarget> asked = ModelTarget.listOf(property.apply("tale.models").orElse(""),
                efforts.stream().map(ReasoningEffort::value).toList(), endpoint,
                name -> requestShape.models().of(name).reasoning());
        Connections connections = connections(context, property, connection, asked);
        List<ModelTarget> targets = asked.stream().map(t -> new ModelTarget(
                Endpoint.of(connections.of(t.model()), t.model()), t.reasoningEffort())).toList();
        Broker.properties(role, broker, concurrency).forEach(context.getPropertiesComponent()::addOverrideProperty);
        broker.ifPresent(b -> Broker.connect(context, b, role));
        RateLimits limits = new RateLimits(maxRequestsPerMinute, maxTokensPerMinute);
        HeaderPacing pacing = new HeaderPacing();
        if (role == Broker.Role.WORKER) {
            // no run, no cache, no audit here: the coordinator keeps them
            bindChat(context, connections, endpoint, null, null, limits, pacing, metrics);
            // the chat route names it; a worker has no run whose calls would go in a batch
            bindBatchCalls(context, property, connections, null, id -> false);
            registry.bind("worker", new WorkerSteps(WorkerSteps.processName(), connections));
            LOG.info("Worker {}: making the calls of {}, {} at a time; endpoint {}; {}",
                    WorkerSteps.processName(), broker.get().describe(), concurrency, endpoint.describe(),
                    connection.describe());
            return;
        }
        GateLimits gates = GateLimits.from(gateSettings(context, property, methodIds, ModelTarget.gateNames(targets)));
        Scoring scoringRules = scoringOf(scoring);
        RunSettings settings = new RunSettings(suite, methodList, targets, gates, spendCap(property),
                answerSettings(requestShape, scoringRules), new Measures(requestShape.preset(), scoringRules),
                CallMode.of(property.apply("tale.llm.mode").orElse("")));
        RunListener told = listener != null ? listener : new LoggingRunListener();
        // a coordinator also publishes every audit row and each run's summary, for other systems
        ResultsTopic results = role == Broker.Role.COORDINATOR
                ? new ResultsTopic(told, context.createProducerTemplate()) : null;
        RunCoordinator runs = new RunCoordinator(Path.of(output), settings,
                progressIntervalMs, Clock.systemUTC(), results != null ? results : told,
                results == null ? metrics::recorded : row -> {
                    metrics.recorded(row);
                    results.accept(row);
                }, new OutcomeWriter(Path.of(output)));
        registry.bind("inbox", new InboxSteps(runs, Path.of(inbox)));
        registry.bind("inboxPolls", new InboxPolls(runs));
        // batch mode reads a poll's files at once, so that their calls share rounds: one batch per round for the
        // poll, not one per file, waited for in turn
        context.getPropertiesComponent().addOverrideProperty(INBOX_ONE_FILE_AT_A_TIME, String.valueOf(!settings.batched()));
        // files read before are remembered for the inbox; files named on the command line are staged afresh each time
        registry.bind("inboxFiles", staged ? MemoryIdempotentRepository.memoryIdempotentRepository()
                : FileIdempotentRepository.fileIdempotentRepository(
                        Path.of(output).resolve("state").resolve("inbox-files-read.txt").toFile(), 100_000));
        if (staged) {
            resumeInterruptedStagedRun(runs);
        } else {
            resumeInterruptedRun(runs);
        }
        Path suites = Path.of(home).resolve(Suite.FOLDER).normalize(); // config/suites, not ./config/suites
        NightlySteps nightly = new NightlySteps(runs, suites, nightlySuites, property);
        registry.bind("nightly", nightly);
        registry.bind("batchJobs", new BatchJobSteps(runs, Path.of(home), suites, Path.of(output), property));
        if (property.apply("tale.nightly.enabled").map(Boolean::parseBoolean).orElse(false)) {
            nightly.check();
        }
        context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "tale-progress")
                .scheduleAtFixedRate(runs::reportProgress, 1, 1, TimeUnit.SECONDS);
        registry.bind("evaluate", new EvaluationSteps(requestShape, budgetFallback,
                ElasticityLevels.parse(elasticityBudgets), prices(), new ContextWindow(contextTokens), metrics,
                problemRead));
        // the chat route retries (and audits every attempt) itself: HttpClient must not retry 429/503 behind its back
        for (String scheme : List.of("http", "https")) {
            context.getComponent(scheme, HttpComponent.class).setHttpClientConfigurer(HttpClientBuilder::disableAutomaticRetries);
        }
        Path cacheFolder = Path.of(output).resolve("cache");
        ResponseCache cache = !cacheEnabled ? null : endpoint.simulated() ? ResponseCache.ofSimulator(cacheFolder)
                : ResponseCache.of(cacheFolder, connection.cacheScope());
        CachePolicy cachePolicy = new CachePolicy(cacheAcrossRuns, Duration.ofHours(cacheMaxAgeHours));
        if (cache != null) {
            cache.loadInBackground();
            closeOnStop(context, cache);
            if (cachePolicy.acrossRuns()) {
                LOG.warn("The response cache answers from {}: a run may not ask the model what an earlier run asked,"
                        + " so it cannot notice that the model changed. For development loops only.",
                        cachePolicy.describe());
            }
        }
        ChatSteps chat = bindChat(context, connections, endpoint, cache, cachePolicy, limits, pacing, metrics);
        BatchCalls batchCalls = bindBatchCalls(context, property, connections, cache,
                id -> runs.openRun(id).isPresent());
        context.getManagementStrategy().addEventNotifier(new InterruptRunsOnStop(runs, batchCalls::releaseAll));
        broker.ifPresent(b -> {
            RemoteCalls remote = new RemoteCalls(b, chat, cache, metrics, connections, pacing);
            registry.bind("remoteCalls", remote);
            context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "tale-workers")
                    .scheduleWithFixedDelay(() -> remote.warnIfNoWorkerAnswers(NO_WORKER_WARNING_MS), 5, 5,
                            TimeUnit.SECONDS);
            registry.bind("problemsQueue", new ProblemsQueue(Path.of(inbox)));
        });
        registry.bind("llmPool", llmPool(context, role == Broker.Role.COORDINATOR ? broker.get().inFlight() : concurrency));
        LOG.info("Watching {} for problem files; runs go to {}; methods {}; endpoint {}{}; {}; {}{}", inbox, output,
                methods, endpoint.describe(), targets.size() > 1 ? "; models " + String.join(", ",
                        ModelTarget.labels(targets)) : "", connection.describe(), requestShape.describe(model, effort),
                broker.map(b -> "; calls go to the workers of " + b.describe() + ", up to " + b.inFlight()
                        + " at a time (tale.broker.in-flight); problems also come from queue " + b.problemsQueue()
                        + ", results go to topic " + b.resultsTopic()).orElse(""));
        // the API's routes are loaded (and need their bean) even when the server is off; only their REST side is not
        registry.bind("api", new ApiSteps(runs, new Uploads(uploadsFolder(), maxUploadBytes),
                new RunViews(Path.of(output).resolve("runs"), runs), new TrendViews(Path.of(output).resolve("runs")),
                requestShape, effort, budgetFallback));
        if (access != null && !embeddedServer) {
            // the server's HTTP checks the token and the size limit with it (the WAR's filter)
            registry.bind(HTTP_ACCESS, access);
        } else if (access != null) {
            context.addService(new HttpGuard(context, access, maxUploadBytes));
            LOG.info("HTTP API at http://{}:{}/api{}; uploads kept in {}", bindHost, httpPort,
                    access.tokenRequired() ? " (bearer token required)" : "", uploadsFolder());
        }
    }

    /**
     * The chat route's beans: its steps and its circuit breaker.
     *
     * @param cache null on a worker, or when the response cache is off
     */
    private ChatSteps bindChat(CamelContext context, Connections connections, Endpoint endpoint, ResponseCache cache,
                               CachePolicy cachePolicy, RateLimits limits, HeaderPacing pacing, TaleMetrics metrics) {
        EndpointCircuit circuit = new EndpointCircuit(endpoint.shownUrl(), circuitFailures, circuitOpenMs, whenOpen());
        context.getRegistry().bind("llmCircuitBreaker", circuit.breaker());
        ChatSteps chat = new ChatSteps(connections, new RetryPolicy(retryAttempts, retryInitialMs, retryMaxMs), cache,
                cachePolicy == null ? new CachePolicy(false, Duration.ofHours(cacheMaxAgeHours)) : cachePolicy, circuit,
                limits, pacing, metrics,
                modelTable);
        context.getRegistry().bind("chat", chat);
        return chat;
    }

    /**
     * Batch mode's calls ({@code tale.llm.mode=batch}, routes/batch-api.camel.yaml): each connection's Batch API,
     * and a few threads on which answered calls go on.
     *
     * @param cache null on a worker, or when the response cache is off
     * @param open  whether a run is still open in this process
     */
    private BatchCalls bindBatchCalls(CamelContext context, Function<String, Optional<String>> property,
                                      Connections connections, ResponseCache cache,
                                      java.util.function.Predicate<String> open) {
        Duration connect = Duration.ofMillis(Long.parseLong(property.apply("tale.llm.connect-timeout-ms").orElse("10000")));
        Duration read = Duration.ofMillis(Long.parseLong(property.apply("tale.llm.read-timeout-ms").orElse("120000")));
        Map<Connection, BatchApi> apis = new java.util.concurrent.ConcurrentHashMap<>();
        BatchCalls batchCalls = new BatchCalls(BatchSettings.from(property),
                connection -> apis.computeIfAbsent(connection, c -> new BatchApi(c, connect, read)),
                connections::of, open, cache, context.getExecutorServiceManager().newFixedThreadPool(this,
                        "tale-batch-answers", Runtime.getRuntime().availableProcessors()), Clock.systemUTC());
        context.getRegistry().bind("batchCalls", batchCalls);
        return batchCalls;
    }

        /** A worker ({@code --worker}, which needs a broker), a coordinator (a broker is set) or a single process. */
    private static Broker.Role role(Function<String, Optional<String>> property, Optional<BrokerSettings> broker) {
        boolean worker = property.apply(WORKER).map(Boolean::parseBoolean).orElse(false);
        if (worker && broker.isEmpty()) {
            throw new IllegalArgumentException("--worker takes its calls from a broker: set tale.broker.url"
                    + " (TALE_BROKER_URL), e.g. tcp://127.0.0.1:61616");
        }
        return worker ? Broker.Role.WORKER : broker.isPresent() ? Broker.Role.COORDINATOR : Broker.Role.SINGLE;
    }

    /**
     * The connection of each model: its own where {@code tale.model.<name>.*} sets any of the provider settings
     * ({@code tale.model.gpt-5-mini.base-url} in place of {@code tale.llm.base-url}, ...), else {@code fallback}.
     * Two models cannot share one Azure deployment: it answers every call with its own model, whatever a call names.
     */
    private Connections connections(CamelContext context, Function<String, Optional<String>> property,
                                    Connection fallback, List<ModelTarget> targets) {
        ProviderSettings shared = ProviderSettings.from(property);
        Map<String, Connection> byModel = new LinkedHashMap<>();
        for (String model : targets.stream().map(ModelTarget::model).distinct().toList()) {
            Function<String, Optional<String>> own = key -> literal(context, MODEL_PREFIX + model + "."
                    + key.substring(LLM_PREFIX.length()));
            // a key belongs to its endpoint: a model sent elsewhere carries only its own key, never the run's
            boolean elsewhere = own.apply("tale.llm.base-url").isPresent()
                    || own.apply("tale.llm.provider").isPresent();
            ProviderSettings settings = ProviderSettings.from(key -> !key.startsWith(LLM_PREFIX) ? property.apply(key)
                    : elsewhere && key.endsWith("api-key") ? own.apply(key)
                    : own.apply(key).or(() -> property.apply(key)));
            if (settings.equals(shared)) {
                continue;
            }
            if (settings.simulated() || shared.simulated()) {
                throw new IllegalArgumentException(MODEL_PREFIX + model + ".*: the built-in simulator answers all"
                        + " of a run's models or none of them; give " + model + " a provider other than the simulator,"
                        + " and the run's (tale.llm.provider) too");
            }
            Connection connection = settings.connect(null);
            KeyRefusal.noKeyWarning(connection).ifPresent(LOG::warn);
            byModel.put(model, connection);
        }
        Connections connections = new Connections(fallback, byModel);
        Map<Connection, String> deployments = new java.util.IdentityHashMap<>();
        for (String model : targets.stream().map(ModelTarget::model).distinct().toList()) {
            Connection connection = connections.of(model);
            String before = connection.deployment() == null ? null : deployments.put(connection, model);
            if (before != null) {
                throw new IllegalArgumentException("tale.models names " + before + " and " + model + ", but Azure"
                        + " OpenAI answers every call to the deployment " + connection.deployment() + " with its own"
                        + " model, whatever a call names: give each model its deployment"
                        + " (tale.model." + model + ".azure.deployment)");
            }
        }
        return connections;
    }

    /**
     * A key read as written, not as Camel's placeholder syntax: a model's name may hold a {@code :} (Ollama's
     * {@code llama3.1:8b}), which Camel would take for the start of a default value. The environment first (the key in
     * upper case, anything but a letter or digit as {@code _}), then -D, then the properties (overrides included).
     */
    private static Optional<String> literal(CamelContext context, String key) {
        String env = System.getenv(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        String value = env != null ? env : System.getProperty(key,
                context.getPropertiesComponent().loadProperties(k -> k.equals(key)).getProperty(key));
        // a value may itself be a placeholder, as a key's can: {{env:MY_KEY}}
        return Optional.ofNullable(value).map(v -> v.contains("{{") ? context.resolvePropertyPlaceholders(v) : v)
                .map(String::strip).filter(v -> !v.isBlank());
    }

    /**
     * The connection the calls and the health check use: to the endpoint configured, or to the simulator, started
     * here. Settings that cannot make one (a missing Azure deployment, a base URL that is not http) stop the start.
     */
    private Connection connect(CamelContext context, ProviderSettings settings) throws Exception {
        if (!settings.simulated()) {
            Connection connection = settings.connect(null);
            KeyRefusal.noKeyWarning(connection).ifPresent(LOG::warn);
            return connection;
        }
        Endpoint.ignoredBySimulator(settings.baseUrl()).ifPresent(LOG::warn);
        // refused before the simulator starts, as for a real endpoint
        settings.connect("http://127.0.0.1:1");
        return settings.connect(startSimulator(context).rootUrl());
    }

    /**
     * Starts the built-in simulated endpoint, stopped with Camel. It knows the configured files, and learns each
     * problem a run reads.
     */
    private SimulatedEndpoint startSimulator(CamelContext context) throws Exception {
        List<Path> knowledge = new ArrayList<>();
        for (String path : simulatorKnowledge.split(",")) {
            if (!path.isBlank()) {
                knowledge.add(Path.of(path.strip()));
            }
        }
        SimulatedEndpoint server = SimulatedEndpoint.start(
                new SimulatorSettings("127.0.0.1", simulatorPort, simulatorSeed, knowledge, model, simulatorLatencyMs,
                        modelTable, simulatorBatchMs, simulatorBatchOutcome));
        closeOnStop(context, server);
        problemRead = server::learn;
        return server;
    }

    private static void closeOnStop(CamelContext context, AutoCloseable closeable) throws Exception {
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                closeable.close();
            }
        });
    }

    /** A run killed in its middle: its files go back into the inbox, and the first poll resumes it. */
    private void resumeInterruptedRun(RunCoordinator runs) {
        RunManifest.interrupted(Path.of(output), Path.of(inbox)).ifPresent(interrupted -> {
            List<Path> files = interrupted.returnFilesToInbox();
            runs.resume(interrupted);
            LOG.warn("Run {} was interrupted (the process stopped in its middle); resuming it with {} file(s) back in "
                    + "the inbox: {}. Answers received before come from the response cache, not the endpoint.",
                    interrupted.runId(), files.size(), files.stream().map(f -> f.getFileName().toString()).toList());
        });
    }

    /**
     * The same files named on the command line again, after a run of them was killed: that run is finished instead of
     * a new one started. The files are staged afresh; answers received before come from the response cache.
     */
    private void resumeInterruptedStagedRun(RunCoordinator runs) {
        Path stagedInbox = Path.of(inbox);
        Set<String> names;
        try (Stream<Path> files = Files.list(stagedInbox)) {
            names = files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + stagedInbox + ": " + e.getMessage(), e);
        }
        RunManifest.interruptedStaged(Path.of(output), stagedInbox.toAbsolutePath().getParent().getParent(), names)
                .ifPresent(interrupted -> {
                    runs.resume(interrupted);
                    // the killed run's copies: the files are staged afresh, and resuming needs only the run's manifest
                    interrupted.inboxes().forEach(Staging::remove);
                    LOG.warn("Run {} of the same files was interrupted (the process stopped in its middle); resuming it. "
                            + "Answers received before come from the response cache, not the endpoint.", interrupted.runId());
                });
    }

    /** {@code tale.scoring}: strict (ours) or reference (the TALE reference's evaluator). */
    private static Scoring scoringOf(String id) {
        try {
            return Scoring.of(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tale.scoring: " + e.getMessage(), e);
        }
    }

    /** {@code tale.llm.circuit.when-open}: wait (the service) or stop (what {@code --once} sets). */
    private EndpointCircuit.WhenOpen whenOpen() {
        try {
            return EndpointCircuit.WhenOpen.valueOf(circuitWhenOpen.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tale.llm.circuit.when-open: use wait or stop, not '" + circuitWhenOpen + "'");
        }
    }

    /** Files uploaded through the HTTP API: beside the inbox, like done/ and failed/. */
    private Path uploadsFolder() {
        return Path.of(inbox).toAbsolutePath().normalize().resolveSibling("uploads");
    }

    /** A property as configured (file, environment variable, -D), empty when unset or blank. */
    private static Function<String, Optional<String>> configured(CamelContext context) {
        return key -> context.getPropertiesComponent().resolveProperty(key).map(String::strip).filter(v -> !v.isBlank());
    }

    /**
     * The settings besides the model, its reasoning effort (in each model's comparison key, {@link RunSettings}) and
     * the endpoint that change answers: runs compare only when they are the same. The
     * simulator's seed is not one of them: a new seed is the simulated model changing behind the same name, which is
     * what a comparison exists to show.
     */
    private Map<String, String> answerSettings(RequestShape shape, Scoring scoringRules) {
        Map<String, String> settings = new LinkedHashMap<>();
        // not an answer's text, but its verdict: runs scored otherwise do not compare
        settings.put("tale.scoring", scoringRules.id());
        // the prompt texts themselves: a run with other prompts asks other questions
        settings.put("prompts", Prompts.SOURCE);
        settings.put("tale.preset", shape.preset().id());
        settings.put("tale.llm.temperature", shape.preset() == Preset.PAPER || !shape.models().of(model).temperature()
                ? "not sent" : String.valueOf(temperature));
        settings.put("tale.budget.fallback", String.valueOf(budgetFallback));
        settings.put("tale.budget.hard-cap-factor", String.valueOf(hardCapFactor));
        settings.put("tale.elasticity.budgets", elasticityBudgets.strip());
        return settings;
    }

    /**
     * Every quality gate set, each named as it was written, in the order Camel resolves a key: environment, -D, the
     * override properties (a suite's settings, with {@code --once --suite}), the properties file. Camel's
     * {@code loadProperties} lists the last two only; a value is taken as Camel resolves its key.
     */
    private List<GateSetting> gateSettings(CamelContext context, Function<String, Optional<String>> property,
                                           List<String> methods, List<String> models) {
        Map<String, String> system = new TreeMap<>();
        Map<String, String> overridden = new TreeMap<>();
        Map<String, String> inFile = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith(GateKeys.PREFIX))
                .forEach(key -> system.put(key, property.apply(key).orElse("")));
        Properties loaded = context.getPropertiesComponent().loadProperties(key -> key.startsWith(GateKeys.PREFIX));
        Function<String, String> location = key -> loaded instanceof OrderedLocationProperties located
                ? String.valueOf(located.getLocation(key)).replaceFirst("^file:", "") : "";
        for (String key : loaded.stringPropertyNames()) {
            ("override".equals(location.apply(key)) ? overridden : inFile).put(key, property.apply(key).orElse(""));
        }
        Path suiteFile = Path.of(home).resolve(Suite.FOLDER).resolve(suite + ".properties").normalize();
        String suiteSource = Files.isRegularFile(suiteFile) ? suiteFile.toString() : "";
        List<GateSetting> settings = new ArrayList<>(GateKeys.fromEnvironment(System.getenv(), methods, models));
        settings.addAll(GateKeys.fromSystemProperties(system, methods, models));
        settings.addAll(GateKeys.fromProperties(overridden, key -> suiteSource, methods, models));
        settings.addAll(GateKeys.fromProperties(inFile, location, methods, models));
        return settings;
    }

    /** {@code tale.run.max-cost-usd} and {@code tale.run.max-output-tokens}, each optional. */
    private static SpendCap spendCap(Function<String, Optional<String>> property) {
        try {
            return new SpendCap(property.apply("tale.run.max-cost-usd").map(java.math.BigDecimal::new).orElse(null),
                    property.apply("tale.run.max-output-tokens").map(Long::valueOf).orElse(null));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tale.run.max-cost-usd and tale.run.max-output-tokens must be numbers: "
                    + e.getMessage());
        }
    }

    /** Which parameters each model takes; without the file every model is taken for a classic chat model. */
    private ModelTable models() {
        Path file = Path.of(modelsFile);
        if (!Files.isRegularFile(file)) {
            LOG.warn("No model table at {} (tale.llm.models-table): every model is sent max_tokens and a temperature,"
                    + " which OpenAI's reasoning models refuse", file);
            return ModelTable.classic();
        }
        return ModelTable.load(file);
    }

    /** The list prices, when the file exists; without it every expense shows as "price unknown". */
    private PriceTable prices() {
        Path file = Path.of(pricesFile);
        if (!Files.isRegularFile(file)) {
            LOG.warn("No price list at {} (tale.prices): expenses will show as 'price unknown'", file);
            return PriceTable.empty();
        }
        return PriceTable.load(file);
    }

    /**
     * The threads that evaluate problems: {@code inFlight} of them wait on the endpoint at a time (the chat
     * route's bulkhead lets no more calls in flight; a coordinator's wait on its workers), and one more per core prepares the next call and records the
     * last, so a call leaves as soon as another one's answer is in. When all are busy the splitting thread waits its
     * turn, so memory stays flat.
     */
    private ExecutorService llmPool(CamelContext context, int inFlight) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("tale.concurrency must be at least 1, was " + concurrency);
        }
        int threads = inFlight + Runtime.getRuntime().availableProcessors();
        ThreadPoolProfile profile = new ThreadPoolProfileBuilder("tale-llm")
                .poolSize(threads).maxPoolSize(threads).maxQueueSize(inFlight).build();
        return context.getExecutorServiceManager().newThreadPool(this, "tale-llm", profile);
    }

    /** Service mode without a console listener: log each run. */
    private static final class LoggingRunListener implements RunListener {
        private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LoggingRunListener.class);

        @Override
        public void progress(Progress progress, boolean lineDue) {
            if (lineDue) {
                LOG.info(progress.describe());
            }
        }

        @Override
        public void runFinished(RunOutcome outcome) {
            LOG.info("Run {} finished; report at {}", outcome.summary().runId(), outcome.reports().get(0));
        }

        @Override
        public void runInterrupted(Progress progress) {
            LOG.warn(progress.describeInterrupted());
        }

        @Override
        public void inboxEmpty(Path inbox) {
            // a service simply waits for files
        }
    }
}
