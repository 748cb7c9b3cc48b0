// Follows orders over SignalR with the real JavaScript client and prints when each becomes Paid.
// stdin: one "<orderId>" per line to follow; stdout: "followed <orderId>" and "paid <orderId> <epochMillis>".
const signalR = require("@microsoft/signalr");
const readline = require("readline");
const connection = new signalR.HubConnectionBuilder()
  .withUrl(process.argv[2], { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
  .configureLogging(signalR.LogLevel.None)
  .build();
connection.on("orderStatus", change => {
  if (change.payment === "Paid") process.stdout.write(`paid ${change.orderId} ${performance.timeOrigin + performance.now()}\n`);
});
connection.start().then(() => {
  process.stdout.write("ready\n");
  readline.createInterface({ input: process.stdin }).on("line", async line => {
    const [orderId, token] = line.trim().split(" ");
    if (orderId === "quit") { await connection.stop(); process.exit(0); }
    await connection.invoke("Follow", orderId, token);
    process.stdout.write(`followed ${orderId}\n`);
  });
}).catch(e => { process.stdout.write(`failed ${e}\n`); process.exit(2); });
