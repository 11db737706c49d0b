namespace Backscatter.Domain.Mail;

/// <summary>A failed recipient found in the human-readable text of a bounce, with the lines that explain it.</summary>
public sealed record TextBounceRecipient(string Address, string Diagnostic);
