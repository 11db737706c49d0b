using System.Globalization;
using System.Net;
using System.Net.Sockets;

using Backscatter.Domain.Net;

using Microsoft.Extensions.Options;

namespace Backscatter.Ingest.Alerts;

/// <summary>
/// Keeps alert requests on the public internet. It is the HTTP handler's connect step: the host
/// name is resolved here and every address it resolves to is checked before a socket opens, so a
/// name that points at 127.0.0.1, 10.x, 169.254.169.254 (cloud metadata) or any other private,
/// loopback, link-local or reserved address is refused however it is spelled, and a DNS answer
/// that changes between check and use cannot slip through. Redirects are not followed at all.
/// </summary>
public sealed class DestinationGuard
{
    private readonly HashSet<IPEndPoint> _allowed;

    public DestinationGuard(IOptions<AlertDeliveryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _allowed = [.. options.Value.AllowedPrivateEndpoints.Select(e => IPEndPoint.Parse(e))];
    }

    /// <summary>Tests only, when endpoints are allowed: plain http to them.</summary>
    public bool AllowsPlainHttp => _allowed.Count > 0;

    public bool IsAllowed(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        var normal = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return SpecialPurposeAddresses.IsPublic(normal) || _allowed.Contains(new IPEndPoint(normal, port));
    }

    /// <summary>The <see cref="SocketsHttpHandler.ConnectCallback"/>.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new DestinationRefusedException($"{host} does not resolve to any address.");
        }

        // One bad address refuses the name: a resolver that mixes public and private answers is an attack, not a mistake.
        if (addresses.FirstOrDefault(a => !IsAllowed(a, port)) is { } refused)
        {
            throw new DestinationRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"{host} resolves to {refused}, a private, loopback, link-local or reserved address; alerts go only to the public internet."));
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new HttpRequestException($"Could not connect to {host}:{port}.", last);
    }
}
