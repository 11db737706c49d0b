namespace Backscatter.Domain.Mail;

/// <summary>
/// A bounce, complaint or delivery event that a sending service (Amazon SES through SNS) sends as
/// JSON instead of a DSN. Recipients carry the same fields a DSN would.
/// </summary>
public sealed record ServiceNotification(
    string Type,
    IReadOnlyList<DeliveryStatusRecipient> Recipients,
    string? FeedbackType,
    string? ReportingMta,
    string? Source,
    HeaderBlock OriginalHeaders);
