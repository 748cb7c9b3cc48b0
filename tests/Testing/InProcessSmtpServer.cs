using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace PacificEdge.Testing;

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1 and a free port, in the test process. Keeps what it
/// accepts, can require a login, and can be told to answer the next DATA or a recipient with a given reply.
/// </summary>
public sealed class InProcessSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<ReceivedEmail> received = new();
    private readonly ConcurrentQueue<SmtpResponse> nextDataReplies = new();
    private readonly ConcurrentDictionary<string, SmtpResponse> refusedRecipients = new(StringComparer.OrdinalIgnoreCase);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SmtpServer.SmtpServer server;
    private int holdNextData;
    private Task running = Task.CompletedTask;
    private int dataCommands;
    private int recipientCommands;

    private InProcessSmtpServer(int port, (string User, string Password)? login)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test.local")
            .Endpoint(endpoint => endpoint
                .Endpoint(new IPEndPoint(IPAddress.Loopback, port))
                .AllowUnsecureAuthentication(login is not null)
                .AuthenticationRequired(login is not null))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        services.Add(new DelegatingUserAuthenticator((_, user, password) => login is { } l && user == l.User && password == l.Password));
        server = new SmtpServer.SmtpServer(options, services);
    }

    public int Port { get; }

    /// <summary>Messages accepted so far, oldest first.</summary>
    public IReadOnlyList<ReceivedEmail> Messages => received.ToArray();

    /// <summary>DATA transfers the server answered (accepted or not).</summary>
    public int DataCommands => Volatile.Read(ref dataCommands);

    /// <summary>RCPT TO commands the server answered (accepted or not).</summary>
    public int RecipientCommands => Volatile.Read(ref recipientCommands);

    /// <summary>Starts the server and returns once it accepts connections.</summary>
    public static async Task<InProcessSmtpServer> StartAsync((string User, string Password)? login = null)
    {
        var smtp = new InProcessSmtpServer(FreeTcpPort.Pick(), login);
        smtp.running = smtp.server.StartAsync(smtp.stop.Token);
        await Eventually.WaitAsync(smtp.AcceptsConnectionsAsync, ok => ok, $"the test SMTP server to listen on port {smtp.Port}", TimeSpan.FromSeconds(10));
        return smtp;
    }

    /// <summary>
    /// Settings (<c>Commerce:Email</c>) that make a silo mail through this server, e.g. a silo process started by
    /// <see cref="SiloProcess"/>: plain SMTP on loopback, no login.
    /// </summary>
    public IReadOnlyDictionary<string, string> RelaySettings() => new Dictionary<string, string>
    {
        ["Commerce:Email:Mode"] = "Smtp",
        ["Commerce:Email:Smtp:Host"] = "127.0.0.1",
        ["Commerce:Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Commerce:Email:Smtp:Security"] = "None",
        ["Commerce:Email:UnsubscribeKey"] = "unsubscribe-key-for-tests-only-0123456789",
    };

    /// <summary>The plain-text bodies of the messages accepted for <paramref name="address"/>, oldest first.</summary>
    public IReadOnlyList<string> TextBodiesTo(string address)
        => [.. Messages.Where(m => m.EnvelopeTo.Contains(address, StringComparer.OrdinalIgnoreCase)).Select(m => m.Message.TextBody ?? "")];

    /// <summary>The next DATA is answered with <paramref name="reply"/> instead of 250 (and not kept).</summary>
    public void AnswerNextData(SmtpReplyCode code, string text) => nextDataReplies.Enqueue(new SmtpResponse(code, text));

    /// <summary>The next DATA gets no answer until the server stops (a relay that hangs).</summary>
    public void HoldNextData() => Interlocked.Exchange(ref holdNextData, 1);

    /// <summary>Every RCPT TO for <paramref name="address"/> is answered with <paramref name="code"/>.</summary>
    public void RefuseRecipient(string address, SmtpReplyCode code, string text) => refusedRecipients[address] = new SmtpResponse(code, text);

    public async ValueTask DisposeAsync()
    {
        released.TrySetResult();
        await stop.CancelAsync();
        server.Shutdown();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // Stopped, as asked.
        }

        stop.Dispose();
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        using var probe = new TcpClient();
        try
        {
            await probe.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Address(IMailbox mailbox) => $"{mailbox.User}@{mailbox.Host}";

    /// <summary>One accepted message: the envelope, the login used, and the parsed MIME message.</summary>
    public sealed record ReceivedEmail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, string? AuthenticatedUser, MimeMessage Message);

    private sealed class Store(InProcessSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref owner.dataCommands);
            if (Interlocked.Exchange(ref owner.holdNextData, 0) == 1)
            {
                await owner.released.Task.WaitAsync(cancellationToken);
                return SmtpResponse.TransactionFailed;
            }

            if (owner.nextDataReplies.TryDequeue(out var scripted))
            {
                return scripted;
            }

            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream, cancellationToken);
            var user = context.Authentication.IsAuthenticated ? context.Authentication.User : null;
            owner.received.Enqueue(new ReceivedEmail(Address(transaction.From), transaction.To.Select(Address).ToArray(), user, message));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(InProcessSmtpServer owner) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref owner.recipientCommands);
            if (owner.refusedRecipients.TryGetValue(Address(to), out var reply))
            {
                // How SmtpServer lets a filter answer with its own code and text.
                throw new SmtpResponseException(reply);
            }

            return Task.FromResult(true);
        }
    }
}
