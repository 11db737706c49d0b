using System.Globalization;
using System.Net;

using DnsClient;
using DnsClient.Protocol;

using Microsoft.Extensions.Options;

namespace Backscatter.Web.Setup;

/// <summary>
/// TXT look-ups through DnsClient: the configured name servers or the system's, a short timeout,
/// TCP when a UDP answer is truncated, and no cache (a cached "no such name" would make "Check
/// now" answer the same for minutes after the tenant published the record).
/// </summary>
public sealed class DnsTxtLookup : IDomainTxtLookup
{
    private readonly LookupClient _dns;
    private readonly TimeSpan _timeout;

    public DnsTxtLookup(IOptions<DirectMxOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var servers = settings.NameServers.Select(s => IPEndPoint.Parse(s)).Select(e => new NameServer(e.Address, e.Port == 0 ? NameServer.DefaultPort : e.Port)).ToArray();
        var client = servers.Length == 0 ? new LookupClientOptions() : new LookupClientOptions(servers);
        client.UseCache = false;
        client.UseTcpFallback = true;
        client.Retries = 1;
        client.Timeout = settings.LookupTimeout / 2;
        client.ThrowDnsErrors = false;
        _timeout = settings.LookupTimeout;
        _dns = new LookupClient(client);
    }

    public async Task<TxtLookup> LookupAsync(string name, CancellationToken cancellationToken)
    {
        IDnsQueryResponse response;
        try
        {
            response = await _dns.QueryAsync(name, QueryType.TXT, QueryClass.IN, cancellationToken);
        }
        catch (DnsResponseException e) when (e.Code == DnsResponseCode.ConnectionTimeout)
        {
            return TxtLookup.Failure(string.Create(CultureInfo.InvariantCulture, $"no name server answered within {_timeout.TotalMilliseconds:0} ms"));
        }
        catch (DnsResponseException e)
        {
            return TxtLookup.Failure(e.DnsError);
        }

        if (response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain)
        {
            return new TxtLookup(TxtLookupOutcome.NoSuchName, []);
        }

        if (response.HasError)
        {
            return TxtLookup.Failure($"the name server answered {response.Header.ResponseCode} ({response.ErrorMessage})");
        }

        var values = response.Answers.OfType<TxtRecord>().Select(t => string.Concat(t.Text)).ToList();
        return values.Count == 0 ? new TxtLookup(TxtLookupOutcome.NoRecord, []) : new TxtLookup(TxtLookupOutcome.Found, values);
    }
}
