namespace Backscatter.Domain.Persistence;

/// <summary>
/// An event written in the same transaction as the change it announces and published after the
/// commit; the row stays until the broker has it, so neither a broker outage nor a crash between
/// commit and publish loses the event (docs/adr/0026).
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxTypeLength = 64;

    /// <summary>Also the bus message id: every publication of this row is the same message to consumers.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The contract's name (e.g. <c>IncidentOpened</c>); the publisher maps it to a type it knows.</summary>
    public string Type { get; init; } = "";

    /// <summary>The event as JSON.</summary>
    public string Body { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }
}
