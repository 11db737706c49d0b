namespace Backscatter.Web.Setup;

/// <summary>What a TXT look-up found: each record's value (its strings joined), or why there was none.</summary>
public sealed record TxtLookup(TxtLookupOutcome Outcome, IReadOnlyList<string> Values, string? Error = null)
{
    public static TxtLookup Failure(string error) => new(TxtLookupOutcome.Failed, [], error);

    /// <summary>Whether a record found carries the claim's token (<see cref="Domain.Tenancy.IngestDomainVerification"/>).</summary>
    public bool Proves(string token) => Outcome == TxtLookupOutcome.Found && Domain.Tenancy.IngestDomainVerification.Proves(Values, token);
}
