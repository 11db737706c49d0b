namespace Backscatter.Domain.Mail;

/// <summary>The per-recipient fields of an RFC 3464 delivery-status report.</summary>
public sealed record DeliveryStatusRecipient(
    string? FinalRecipient,
    string? OriginalRecipient,
    string? Action,
    string? Status,
    string? RemoteMta,
    string? DiagnosticType,
    string? DiagnosticCode);
