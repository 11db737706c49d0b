using System.Net;

using Backscatter.Domain.Verdicts;

using DnsClient;

namespace Backscatter.Ingest.Classification;

/// <summary>The DNS look-ups of SPF, answered by the system's resolvers.</summary>
public sealed class DnsSpfLookup(ILookupClient dns) : ISpfDns
{
    public async Task<IReadOnlyList<string>> TxtAsync(string domain, CancellationToken cancellationToken)
    {
        var answer = await dns.QueryAsync(domain, QueryType.TXT, cancellationToken: cancellationToken);
        return [.. answer.Answers.TxtRecords().Select(t => string.Concat(t.Text))];
    }

    public async Task<IReadOnlyList<IPAddress>> AddressesAsync(string domain, CancellationToken cancellationToken)
    {
        var v4 = await dns.QueryAsync(domain, QueryType.A, cancellationToken: cancellationToken);
        var v6 = await dns.QueryAsync(domain, QueryType.AAAA, cancellationToken: cancellationToken);
        return [.. v4.Answers.ARecords().Select(a => a.Address), .. v6.Answers.AaaaRecords().Select(a => a.Address)];
    }

    public async Task<IReadOnlyList<string>> MxHostsAsync(string domain, CancellationToken cancellationToken)
    {
        var answer = await dns.QueryAsync(domain, QueryType.MX, cancellationToken: cancellationToken);
        return [.. answer.Answers.MxRecords().OrderBy(m => m.Preference).Select(m => m.Exchange.Value.TrimEnd('.'))];
    }
}
