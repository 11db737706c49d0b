namespace Backscatter.Ingest.Smtp;

/// <summary>
/// Where received messages go before the sender hears 250: the returned task completes only when
/// the message is durable (committed to PostgreSQL), and fails when it could not be made durable.
/// </summary>
public interface IReportInbox
{
    /// <returns>The ids of the stored reports, one per tenant among the recipients.</returns>
    /// <remarks>
    /// <see cref="ReceivedMessage.Raw"/> lies in a pooled buffer that the session reuses once the
    /// returned task has completed: keep a copy (compressed) of what is needed beyond that.
    /// </remarks>
    Task<IReadOnlyList<Guid>> StoreAsync(ReceivedMessage message, CancellationToken cancellationToken);
}
