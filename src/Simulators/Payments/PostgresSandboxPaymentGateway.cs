using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PacificEdge.Grains.Integration.Payments;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Orders;

namespace PacificEdge.Simulators.Payments;

/// <summary>
/// The payment sandbox, durable: payments, refunds and the webhooks they owe live in PostgreSQL (tables
/// <c>payment_sandbox_*</c>, migration <c>commerce_0007</c>), so a silo's death loses nothing. Behaves as
/// <see cref="SandboxPaymentGateway"/>: <see cref="CreatePaymentAsync"/> answers Processing at once; the outcome is
/// decided when the payment's <c>decide_at</c> passes and announced by signed webhook. Every state change writes its
/// webhook into the outbox in the same transaction; <see cref="SandboxWebhookDispatcher"/> decides and delivers.
/// </summary>
public sealed partial class PostgresSandboxPaymentGateway(
    NpgsqlDataSource dataSource,
    IOptions<PaymentSandboxOptions> options,
    SandboxWebhookSignal signal,
    TimeProvider time,
    ILogger<PostgresSandboxPaymentGateway> logger) : IPaymentGateway
{
    private const string InsertPaymentSql =
        "INSERT INTO payment_sandbox_payments (id, idempotency_key, order_id, amount, currency, status, planned_decline_code, decide_at, created_at) " +
        "VALUES ($1, $2, $3, $4, $5, 'Processing', $6, $7, $8) ON CONFLICT (idempotency_key) DO NOTHING";

    private const string FindByKeySql = "SELECT " + SandboxPaymentRow.Columns + " FROM payment_sandbox_payments WHERE idempotency_key = $1";

    private const string LockSql = "SELECT " + SandboxPaymentRow.Columns + " FROM payment_sandbox_payments WHERE id = $1 FOR UPDATE";

    private const string SetStatusSql =
        "UPDATE payment_sandbox_payments SET status = $2, decline_code = $3, decide_at = NULL WHERE id = $1";

    private const string AddRefundedSql = "UPDATE payment_sandbox_payments SET refunded = refunded + $2 WHERE id = $1";

    private const string FindRefundSql =
        "SELECT id, payment_id, amount, currency, succeeded, failure_code FROM payment_sandbox_refunds WHERE idempotency_key = $1";

    private const string InsertRefundSql =
        "INSERT INTO payment_sandbox_refunds (idempotency_key, id, payment_id, amount, currency, succeeded, failure_code, created_at) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (idempotency_key) DO NOTHING";

    private const string DueSql =
        "SELECT " + SandboxPaymentRow.Columns + " FROM payment_sandbox_payments WHERE status = 'Processing' AND decide_at <= $1 " +
        "ORDER BY decide_at LIMIT $2 FOR UPDATE SKIP LOCKED";

    private const string CountSql = "SELECT count(*) FROM payment_sandbox_payments";

    private readonly PaymentSandboxOptions settings = options.Value;

    /// <inheritdoc />
    /// <exception cref="ConflictException">The key was used for a different payment.</exception>
    public Task<PaymentAttempt> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        SandboxPaymentRules.ValidatePayment(request);
        return UnavailableOnTransientFailure(async () =>
        {
            var behaviour = SandboxCardTokens.Resolve(request.CardToken);
            var now = time.GetUtcNow();
            var id = SandboxPaymentRules.NewId("pi_");
            int inserted;
            await using (var insert = dataSource.CreateCommand(InsertPaymentSql))
            {
                insert.Parameters.Add(Text(id));
                insert.Parameters.Add(Text(request.IdempotencyKey));
                insert.Parameters.Add(Text(request.OrderId));
                insert.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = request.Amount.Amount });
                insert.Parameters.Add(Text(request.Amount.Currency));
                insert.Parameters.Add(NullableText(behaviour.DeclineCode));
                insert.Parameters.Add(Time(now + (behaviour.Slow ? settings.SlowDelay : settings.DeliveryDelay)));
                insert.Parameters.Add(Time(now));
                inserted = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (inserted == 1)
            {
                LogPaymentAccepted(id, request.OrderId, request.Amount.ToString());
                signal.Wake();
                return new PaymentAttempt(id, PaymentAttemptStatus.Processing);
            }

            // The key exists (rows are never deleted): answer with what it created, or refuse a different request.
            await using var find = dataSource.CreateCommand(FindByKeySql);
            find.Parameters.Add(Text(request.IdempotencyKey));
            var existing = await ReadSingleAsync(find, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("A sandbox payment vanished.");
            return existing.Matches(request)
                ? existing.ToAttempt()
                : throw new ConflictException("This idempotency key was already used for a different payment.");
        });
    }

    /// <inheritdoc />
    /// <exception cref="NotFoundException">Unknown payment.</exception>
    /// <exception cref="ConflictException">The payment is not authorised (nor already captured).</exception>
    public Task<PaymentAttempt> CaptureAsync(string paymentId, CancellationToken cancellationToken) => UnavailableOnTransientFailure(async () =>
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var payment = await LockAsync(connection, transaction, paymentId, cancellationToken).ConfigureAwait(false);
        switch (payment.Status)
        {
            case PaymentAttemptStatus.Succeeded:
                return payment.ToAttempt();
            case PaymentAttemptStatus.Authorized:
                await SetStatusAsync(connection, transaction, payment.Id, PaymentAttemptStatus.Succeeded, null, cancellationToken).ConfigureAwait(false);
                await EnqueueAsync(connection, transaction, NewEvent(payment, PaymentEventKind.Succeeded, payment.Amount), payment.Amount, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                LogPaymentCaptured(payment.Id, payment.OrderId);
                signal.Wake();
                return payment.ToAttempt() with { Status = PaymentAttemptStatus.Succeeded };
            default:
                throw new ConflictException($"Payment {paymentId} cannot be captured while {payment.Status}.");
        }
    });

    /// <inheritdoc />
    /// <exception cref="NotFoundException">Unknown payment.</exception>
    /// <exception cref="ConflictException">The key was used for another refund.</exception>
    public Task<RefundResult> RefundAsync(string paymentId, Money amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        SandboxPaymentRules.ValidateRefund(amount, idempotencyKey);
        return UnavailableOnTransientFailure(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (await FindRefundAsync(connection, paymentId, amount, idempotencyKey, cancellationToken).ConfigureAwait(false) is { } prior)
            {
                return prior;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var payment = await LockAsync(connection, transaction, paymentId, cancellationToken).ConfigureAwait(false);
            if (amount.Currency != payment.Amount.Currency)
            {
                throw new ValidationException($"Payment {paymentId} is in {payment.Amount.Currency}, not {amount.Currency}.");
            }

            var refundId = SandboxPaymentRules.NewId("re_");
            var result = payment.Status != PaymentAttemptStatus.Succeeded
                ? new RefundResult(refundId, amount, Succeeded: false, FailureCode: "payment_not_succeeded")
                : amount > payment.Amount - payment.Refunded
                    ? new RefundResult(refundId, amount, Succeeded: false, FailureCode: "amount_too_large")
                    : new RefundResult(refundId, amount, Succeeded: true);

            if (!await InsertRefundAsync(connection, transaction, idempotencyKey, paymentId, result, cancellationToken).ConfigureAwait(false))
            {
                // Another caller stored this key meanwhile: answer as for a repeated key.
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return await FindRefundAsync(connection, paymentId, amount, idempotencyKey, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("A sandbox refund vanished.");
            }

            if (result.Succeeded)
            {
                await using (var add = new NpgsqlCommand(AddRefundedSql, connection, transaction))
                {
                    add.Parameters.Add(Text(paymentId));
                    add.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = amount.Amount });
                    await add.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                var refunded = NewEvent(payment, PaymentEventKind.Refunded, amount) with { RefundId = refundId };
                await EnqueueAsync(connection, transaction, refunded, payment.Amount, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            LogRefund(payment.Id, amount.ToString(), result.Succeeded, result.FailureCode);
            signal.Wake();
            return result;
        });
    }

    /// <inheritdoc />
    /// <exception cref="NotFoundException">Unknown payment.</exception>
    /// <exception cref="ConflictException">The payment already succeeded (refund it instead).</exception>
    public Task VoidAsync(string paymentId, CancellationToken cancellationToken) => UnavailableOnTransientFailure(async () =>
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var payment = await LockAsync(connection, transaction, paymentId, cancellationToken).ConfigureAwait(false);
        switch (payment.Status)
        {
            case PaymentAttemptStatus.Canceled:
                return true;
            case PaymentAttemptStatus.Succeeded:
                throw new ConflictException($"Payment {paymentId} has succeeded; refund it instead of voiding it.");
            default:
                // A payment still Processing is cancelled before its outcome is decided (decide_at is cleared): no outcome event follows.
                await SetStatusAsync(connection, transaction, payment.Id, PaymentAttemptStatus.Canceled, payment.DeclineCode, cancellationToken).ConfigureAwait(false);
                await EnqueueAsync(connection, transaction, NewEvent(payment, PaymentEventKind.Canceled, payment.Amount), payment.Amount, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                LogPaymentVoided(payment.Id, payment.OrderId);
                signal.Wake();
                return true;
        }
    });

    /// <summary>How many distinct payments exist (a repeated idempotency key creates none).</summary>
    public async Task<long> CountPaymentsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(CountSql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Decides up to <paramref name="limit"/> payments whose <c>decide_at</c> has passed and writes their outcome webhooks,
    /// in one transaction; rows another process is deciding are skipped. Returns how many were decided.
    /// </summary>
    public async Task<int> DecideDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var due = new List<SandboxPaymentRow>();
        await using (var select = new NpgsqlCommand(DueSql, connection, transaction))
        {
            select.Parameters.Add(Time(now));
            select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                due.Add(SandboxPaymentRow.Read(reader));
            }
        }

        if (due.Count == 0)
        {
            return 0;
        }

        var decided = new List<SandboxPaymentRow>(due.Count);
        foreach (var payment in due)
        {
            var outcome = Decide(payment);
            await SetStatusAsync(connection, transaction, payment.Id, outcome.Status, outcome.DeclineCode, cancellationToken).ConfigureAwait(false);
            await EnqueueOutcomeAsync(connection, transaction, outcome, now, cancellationToken).ConfigureAwait(false);
            decided.Add(outcome);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var payment in decided)
        {
            LogPaymentDecided(payment.Id, payment.OrderId, payment.Status, payment.DeclineCode);
        }

        return decided.Count;
    }

    private SandboxPaymentRow Decide(SandboxPaymentRow payment) => payment.PlannedDeclineCode is null
        ? payment with { Status = settings.ManualCapture ? PaymentAttemptStatus.Authorized : PaymentAttemptStatus.Succeeded }
        : payment with { Status = PaymentAttemptStatus.Failed, DeclineCode = payment.PlannedDeclineCode };

    private async Task EnqueueOutcomeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SandboxPaymentRow payment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var kind = payment.Status switch
        {
            PaymentAttemptStatus.Authorized => PaymentEventKind.Authorized,
            PaymentAttemptStatus.Succeeded => PaymentEventKind.Succeeded,
            _ => PaymentEventKind.Failed,
        };
        var outcome = new PaymentEvent(SandboxPaymentRules.NewId("evt_"), kind, payment.Id, payment.OrderId, payment.Amount, now, payment.DeclineCode);
        await EnqueueAsync(connection, transaction, outcome, payment.Amount, cancellationToken).ConfigureAwait(false);
        if (settings.OutOfOrder && kind == PaymentEventKind.Succeeded)
        {
            // As if an earlier attempt's failure notice were delayed in transit: written (so sent) after the success.
            var stale = outcome with
            {
                EventId = SandboxPaymentRules.NewId("evt_"),
                Kind = PaymentEventKind.Failed,
                OccurredAt = outcome.OccurredAt.AddSeconds(-1),
                DeclineCode = "card_declined",
            };
            await EnqueueAsync(connection, transaction, stale, payment.Amount, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PaymentEvent paymentEvent, Money paymentAmount, CancellationToken cancellationToken)
        => SandboxWebhookOutbox.EnqueueAsync(connection, transaction, paymentEvent, paymentAmount, 1 + settings.DuplicateDeliveries, cancellationToken);

    private PaymentEvent NewEvent(SandboxPaymentRow payment, PaymentEventKind kind, Money amount)
        => new(SandboxPaymentRules.NewId("evt_"), kind, payment.Id, payment.OrderId, amount, time.GetUtcNow());

    private static async Task<SandboxPaymentRow> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string paymentId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(LockSql, connection, transaction);
        command.Parameters.Add(Text(paymentId));
        return await ReadSingleAsync(command, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"Payment {paymentId} does not exist.");
    }

    private static async Task SetStatusAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string paymentId, PaymentAttemptStatus status, string? declineCode, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SetStatusSql, connection, transaction);
        command.Parameters.Add(Text(paymentId));
        command.Parameters.Add(Text(status.ToString()));
        command.Parameters.Add(NullableText(declineCode));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stored result for a repeated refund key; null when the key is new.</summary>
    /// <exception cref="ConflictException">The key was used for a different refund.</exception>
    private static async Task<RefundResult?> FindRefundAsync(NpgsqlConnection connection, string paymentId, Money amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(FindRefundSql, connection);
        command.Parameters.Add(Text(idempotencyKey));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var priorAmount = new Money(reader.GetDecimal(2), reader.GetString(3));
        return reader.GetString(1) == paymentId && priorAmount == amount
            ? new RefundResult(reader.GetString(0), priorAmount, reader.GetBoolean(4), reader.IsDBNull(5) ? null : reader.GetString(5))
            : throw new ConflictException("This idempotency key was already used for a different refund.");
    }

    private async Task<bool> InsertRefundAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string idempotencyKey, string paymentId, RefundResult result, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(InsertRefundSql, connection, transaction);
        command.Parameters.Add(Text(idempotencyKey));
        command.Parameters.Add(Text(result.RefundId));
        command.Parameters.Add(Text(paymentId));
        command.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = result.Amount.Amount });
        command.Parameters.Add(Text(result.Amount.Currency));
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = result.Succeeded });
        command.Parameters.Add(NullableText(result.FailureCode));
        command.Parameters.Add(Time(time.GetUtcNow()));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static async Task<SandboxPaymentRow?> ReadSingleAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? SandboxPaymentRow.Read(reader) : null;
    }

    // A database the sandbox cannot reach is, to its callers, a gateway that did not answer: safe to retry with the same key.
    private static async Task<T> UnavailableOnTransientFailure<T>(Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (NpgsqlException ex) when (ex.IsTransient)
        {
            throw new PaymentGatewayUnavailableException("The payment sandbox's database is unavailable; retry with the same idempotency key.", ex);
        }
    }

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value };

    private static NpgsqlParameter NullableText(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };

    // timestamptz takes UTC only; normalise whatever offset the caller's clock used.
    private static NpgsqlParameter<DateTimeOffset> Time(DateTimeOffset value) => new() { TypedValue = value.ToUniversalTime() };

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox payment {PaymentId} for order {OrderId} accepted: {Amount}")]
    private partial void LogPaymentAccepted(string paymentId, string orderId, string amount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox payment {PaymentId} for order {OrderId} is {Status} (decline code {DeclineCode})")]
    private partial void LogPaymentDecided(string paymentId, string orderId, PaymentAttemptStatus status, string? declineCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox payment {PaymentId} for order {OrderId} captured")]
    private partial void LogPaymentCaptured(string paymentId, string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox payment {PaymentId} for order {OrderId} voided")]
    private partial void LogPaymentVoided(string paymentId, string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox refund of {Amount} on payment {PaymentId}: succeeded {Succeeded} (failure code {FailureCode})")]
    private partial void LogRefund(string paymentId, string amount, bool succeeded, string? failureCode);
}
