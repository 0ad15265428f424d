#!/usr/bin/env python3
"""OpenAI-compatible chat-completions stub that enforces a rate limit as OpenAI does (Python stdlib only).

POST /v1/chat/completions: the same answers as ../shared/bench/stub_llm.py (a short step-by-step text ending
"Answer: [[N]]", N = last number of the question), after a fixed latency, while the request limit has room.
The limit is --rpm requests a minute (default 3000), enforced in small slices as OpenAI does: a token bucket of
one second's worth (rpm/60) refilled at rpm/60 a second. A request that finds it empty gets 429 at once, with
Retry-After (whole seconds until one request has refilled). Every response carries x-ratelimit-limit-requests,
x-ratelimit-remaining-requests and x-ratelimit-reset-requests (time until the bucket is full again, written as
OpenAI writes it: 20ms, 1.5s, 6m0s); with --tpm, the same three for tokens, a call costing its prompt's and its
answer's tokens (characters / 4), taken when it arrives.
GET /v1/models: one-model list.  GET /stats: {"requests": all chat calls, "answered": 200s, "refused": 429s,
"tokens": the answered calls' tokens}.
Flags: --port (default 8765), --latency-ms (default 100), --rpm (default 3000), --tpm (default 0: no token limit).
Binds 127.0.0.1 only; one thread per connection; the buckets and counters are shared under one lock.
"""
import argparse
import json
import math
import re
import signal
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NUM_RE = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
LOCK = threading.Lock()
STATS = {"requests": 0, "answered": 0, "refused": 0, "tokens": 0}


def last_number(text):
    nums = NUM_RE.findall(text or "")
    if not nums:
        return "0"
    n = nums[-1].replace(",", "")
    return n[:-2] if n.endswith(".0") else n


def message_text(content):
    if isinstance(content, list):  # list of content parts
        return " ".join(p.get("text", "") for p in content if isinstance(p, dict))
    return content if isinstance(content, str) else ""


def make_answer(messages):
    user = [m for m in messages if isinstance(m, dict) and m.get("role") == "user"]
    prompt = message_text(user[-1].get("content")) if user else ""
    n = last_number(prompt.split("Please Give the response", 1)[0])  # skip "[[50]]" example
    content = ("Step 1: Read the question and identify the quantities.\n"
               "Step 2: Combine them in the order the question describes.\n"
               f"Step 3: The result is {n}.\nAnswer: [[{n}]]")
    prompt_all = "".join(message_text(m.get("content")) for m in messages if isinstance(m, dict))
    return content, len(prompt_all) // 4


def go_duration(seconds):
    """A duration as Go (and so OpenAI) writes it: 20ms, 1.5s, 6m0s."""
    if seconds < 1:
        return f"{round(seconds * 1000)}ms"
    minutes, rest = divmod(seconds, 60)
    text = f"{rest:.3f}".rstrip("0").rstrip(".") + "s"
    return f"{int(minutes)}m{text}" if minutes else text


class Bucket:
    """per_minute / 60 a second, holding at most one second's worth. Used under LOCK."""

    def __init__(self, per_minute):
        self.per_minute = per_minute
        self.capacity = per_minute / 60.0
        self.level = self.capacity
        self.at = time.monotonic()

    def refill(self, now):
        self.level = min(self.capacity, self.level + (now - self.at) * self.capacity)
        self.at = now

    def headers(self, kind):
        return {f"x-ratelimit-limit-{kind}": str(self.per_minute),
                f"x-ratelimit-remaining-{kind}": str(max(0, math.floor(self.level))),
                f"x-ratelimit-reset-{kind}": go_duration((self.capacity - self.level) / self.capacity)}

    def seconds_until(self, cost):
        return max(0.0, (cost - self.level) / self.capacity)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, clients reuse connections
    disable_nagle_algorithm = True  # TCP_NODELAY: avoid 40 ms Nagle/delayed-ACK stalls
    latency_s = 0.1
    requests = None  # Bucket
    tokens = None  # Bucket, or None without --tpm

    def log_message(self, fmt, *args):  # quiet
        pass

    def _send(self, code, obj, headers=None):
        body = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _error(self, code, msg, headers=None, kind="invalid_request_error"):
        self._send(code, {"error": {"message": msg, "type": kind}}, headers)

    def do_GET(self):
        if self.path.rstrip("/") in ("/v1/models", "/models"):
            self._send(200, {"object": "list", "data": [
                {"id": "stub-model", "object": "model", "created": 0, "owned_by": "stub"}]})
        elif self.path.rstrip("/") == "/stats":
            with LOCK:
                snap = dict(STATS)
            self._send(200, snap)
        else:
            self._error(404, "not found")

    def _admit(self, cost):
        """Takes one request (and the call's tokens) if both buckets have room: (admitted, headers, retry_after)."""
        with LOCK:
            now = time.monotonic()
            buckets = [(self.requests, 1, "requests")] + ([(self.tokens, cost, "tokens")] if self.tokens else [])
            for bucket, _, _ in buckets:
                bucket.refill(now)
            wait = max(bucket.seconds_until(c) for bucket, c, _ in buckets)
            admitted = wait == 0
            if admitted:
                for bucket, c, _ in buckets:
                    bucket.level -= c
                STATS["tokens"] += cost
            STATS["requests"] += 1
            STATS["answered" if admitted else "refused"] += 1
            headers = {}
            for bucket, _, kind in buckets:
                headers.update(bucket.headers(kind))
            return admitted, headers, max(1, math.ceil(wait))

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
            return self._error(404, "not found")
        try:
            req = json.loads(raw or b"{}")
            messages = req.get("messages") or []
        except (ValueError, AttributeError):
            return self._error(400, "bad json")
        content, ptok = make_answer(messages)
        ctok = len(content) // 4
        admitted, headers, retry_after = self._admit(ptok + ctok)
        if not admitted:
            headers["Retry-After"] = str(retry_after)
            return self._error(429, "Rate limit reached for requests", headers, "requests")
        if self.latency_s > 0:
            time.sleep(self.latency_s)
        self._send(200, {
            "id": "chatcmpl-" + uuid.uuid4().hex[:24],
            "object": "chat.completion",
            "created": int(time.time()),
            "model": req.get("model") or "stub-model",
            "system_fingerprint": "fp_stub",
            "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None,
                         "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": ptok, "completion_tokens": ctok,
                      "total_tokens": ptok + ctok},
        }, headers)


class Server(ThreadingHTTPServer):
    daemon_threads, request_queue_size = True, 256


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--latency-ms", type=float, default=100.0)
    ap.add_argument("--rpm", type=int, default=3000)
    ap.add_argument("--tpm", type=int, default=0)
    a = ap.parse_args()
    if a.rpm < 60 or (a.tpm and a.tpm < 60):
        ap.error("--rpm (and --tpm, when given) must be at least 60")
    Handler.latency_s = a.latency_ms / 1000.0
    Handler.requests = Bucket(a.rpm)
    Handler.tokens = Bucket(a.tpm) if a.tpm else None
    srv = Server(("127.0.0.1", a.port), Handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # SIGTERM -> clean shutdown
    print(f"ratelimit_stub listening on http://127.0.0.1:{a.port}/v1 latency={a.latency_ms}ms rpm={a.rpm}"
          + (f" tpm={a.tpm}" if a.tpm else ""), file=sys.stderr, flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        print(f"ratelimit_stub: {STATS['requests']} chat requests, {STATS['refused']} answered 429",
              file=sys.stderr, flush=True)
        srv.server_close()


if __name__ == "__main__":
    main()
