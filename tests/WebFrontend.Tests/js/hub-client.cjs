// A SignalR client for tests, using the real @microsoft/signalr JavaScript client.
// Usage: node hub-client.cjs <hubUrl> <cookieHeader|-> <method> [args as JSON...]
// Prints one JSON object per line: {"type":"connected"}, {"type":"result",...}, {"type":"error",...},
// {"type":"message","target":...,"args":[...]}, {"type":"closed",...}. Reads "quit" on stdin to stop; stops by itself after 60 s.
const signalR = require("@microsoft/signalr");

const [hubUrl, cookie, method, ...rawArgs] = process.argv.slice(2);
const print = value => process.stdout.write(JSON.stringify(value) + "\n");

const connection = new signalR.HubConnectionBuilder()
  .withUrl(hubUrl, { headers: cookie && cookie !== "-" ? { Cookie: cookie } : {}, transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
  .configureLogging(signalR.LogLevel.None)
  .build();

for (const target of ["orderStatus", "counters", "orderChanged", "alert"]) {
  connection.on(target, (...args) => print({ type: "message", target, args }));
}

// The server may close the connection (e.g. the session ended): say so.
connection.onclose(e => print({ type: "closed", message: e ? String(e.message || e) : null }));

const stop = code => connection.stop().finally(() => process.exit(code));
setTimeout(() => stop(0), 60_000);
process.stdin.on("data", data => { if (String(data).includes("quit")) stop(0); });

connection.start()
  .then(async () => {
    print({ type: "connected" });
    if (method && method !== "-") {
      try {
        print({ type: "result", value: await connection.invoke(method, ...rawArgs.map(a => JSON.parse(a))) });
      } catch (e) {
        print({ type: "error", message: String(e.message || e) });
      }
    }
  })
  .catch(e => { print({ type: "connect-failed", message: String(e.message || e) }); process.exit(2); });
