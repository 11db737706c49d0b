using System.Net;

namespace Backscatter.Domain.Verdicts;

/// <summary>The DNS look-ups SPF needs; the hosts answer them with a real resolver, tests with a table.</summary>
public interface ISpfDns
{
    Task<IReadOnlyList<string>> TxtAsync(string domain, CancellationToken cancellationToken);

    Task<IReadOnlyList<IPAddress>> AddressesAsync(string domain, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> MxHostsAsync(string domain, CancellationToken cancellationToken);
}
