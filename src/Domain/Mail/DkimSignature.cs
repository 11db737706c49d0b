namespace Backscatter.Domain.Mail;

/// <summary>The signing domain (d=) and selector (s=) of a DKIM-Signature header.</summary>
public sealed record DkimSignature(string Domain, string? Selector);
