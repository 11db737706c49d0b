namespace Backscatter.Web.Reports;

/// <summary>What the bounce says about one recipient.</summary>
public sealed record RecipientLine(
    string Address,
    string? Action,
    string? Status,
    string? ReplyCode,
    string? Reason,
    bool HardBounce,
    string? RemoteMta,
    string? Diagnostic);
