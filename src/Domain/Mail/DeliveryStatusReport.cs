namespace Backscatter.Domain.Mail;

/// <summary>An RFC 3464 (or RFC 6533 global) delivery-status report: per-message and per-recipient fields.</summary>
public sealed record DeliveryStatusReport(
    string? ReportingMta,
    string? ReceivedFromMta,
    string? EnvelopeSender,
    IReadOnlyList<DeliveryStatusRecipient> Recipients)
{
    public static readonly DeliveryStatusReport Empty = new(null, null, null, []);
}
