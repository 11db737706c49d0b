namespace Backscatter.Domain.Tenancy;

/// <summary>
/// Checks a domain a tenant wants to point its MX at: a DNS name as <see cref="MailSettingEntries.Domain"/>
/// takes it (lower case, no trailing dot, punycode, two labels or more), and none of the service's
/// own names or the names below them.
/// </summary>
public static class IngestDomainNames
{
    public static SettingEntryCheck Check(string? input, IReadOnlyCollection<string> serviceDomains)
    {
        ArgumentNullException.ThrowIfNull(serviceDomains);
        var check = MailSettingEntries.Domain(input);
        if (!check.IsValid)
        {
            return check;
        }

        var name = check.Value!;
        foreach (var own in serviceDomains.Select(d => d.Trim().TrimEnd('.').ToLowerInvariant()).Where(d => d.Length > 0))
        {
            if (name == own)
            {
                return SettingEntryCheck.Invalid($"{name} is Backscatter.Cloud's own ingest domain; enter a domain of yours whose MX you will point at it.");
            }

            if (name.EndsWith("." + own, StringComparison.Ordinal))
            {
                return SettingEntryCheck.Invalid($"{name} is below Backscatter.Cloud's own ingest domain {own}; enter a domain of yours whose MX you will point at it.");
            }
        }

        return check;
    }
}
