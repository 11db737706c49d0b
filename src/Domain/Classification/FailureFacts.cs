using Backscatter.Domain.Mail;

namespace Backscatter.Domain.Classification;

/// <summary>What a bounce says about one recipient, before a reason is decided.</summary>
public sealed record FailureFacts(
    string? Status,
    string? Diagnostic,
    string? Action = null,
    string? DiagnosticType = null,
    SmtpCommand Command = SmtpCommand.Unknown,
    string? Context = null,
    MtaSoftware Software = MtaSoftware.Unknown,
    string? Recipient = null,
    string? RemoteMta = null,
    string? ReportingMta = null);
