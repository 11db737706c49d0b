namespace Backscatter.Domain.Verdicts;

/// <summary>
/// One term of an SPF record (RFC 7208): a mechanism with its qualifier (<c>+ip4:192.0.2.0/24</c>,
/// <c>-all</c>, <c>include:_spf.example.com</c>) or a modifier (<c>redirect=example.com</c>).
/// </summary>
public sealed record SpfTerm(char Qualifier, string Name, string? Value, bool IsModifier)
{
    /// <summary>True for mechanisms that authorise senders when they match (qualifier + or ?).</summary>
    public bool Authorises => !IsModifier && Qualifier is '+' or '?';
}
