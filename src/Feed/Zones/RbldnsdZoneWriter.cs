using System.Globalization;
using System.Net;
using System.Net.Sockets;

using Backscatter.Domain.Net;
using Backscatter.Feed.Dns;

namespace Backscatter.Feed.Zones;

/// <summary>
/// Writes a snapshot as an rbldnsd dataset (<c>ip4set</c> or <c>ip6trie</c>), so that a mirror running
/// rbldnsd answers exactly like the feed: the same A records, the same TXT (rbldnsd puts the queried
/// address where the text says <c>$</c>), the same SOA and NS.
/// </summary>
public static class RbldnsdZoneWriter
{
    public static async Task WriteAsync(ListingSnapshot snapshot, RbldnsdDataset dataset, DnsFeedOptions options, TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(writer);
        var url = options.LookupUrlTemplate.Replace("{ip}", "$", StringComparison.Ordinal);
        var inv = CultureInfo.InvariantCulture;
        await writer.WriteLineAsync($"# Backscatter.Cloud DNS feed for {options.Zone}: rbldnsd {(dataset == RbldnsdDataset.Ip4Set ? "ip4set" : "ip6trie")} dataset, serial {snapshot.Serial}".AsMemory(), cancellationToken).ConfigureAwait(false);
        await writer.WriteLineAsync(string.Create(inv, $"$SOA {options.ApexTtl} {options.EffectiveNameServers[0]} {options.Hostmaster} {snapshot.Serial} {options.SoaRefresh} {options.SoaRetry} {options.SoaExpire} {options.NegativeTtl}").AsMemory(), cancellationToken).ConfigureAwait(false);
        await writer.WriteLineAsync(string.Create(inv, $"$NS {options.ApexTtl} {string.Join(' ', options.EffectiveNameServers)}").AsMemory(), cancellationToken).ConfigureAwait(false);
        await writer.WriteLineAsync(string.Create(inv, $"$TTL {options.Ttl}").AsMemory(), cancellationToken).ConfigureAwait(false);

        // RFC 5782 test point, so that a mirror passes the same checks the feed does.
        var testPoint = dataset == RbldnsdDataset.Ip4Set ? "127.0.0.2" : "::ffff:127.0.0.2";
        await writer.WriteLineAsync($"{testPoint} :127.0.0.2:$ is the RFC 5782 test point of this list; see {url}".AsMemory(), cancellationToken).ConfigureAwait(false);

        var count = dataset == RbldnsdDataset.Ip4Set ? snapshot.IPv4Addresses.Length : snapshot.IPv6Addresses.Length;
        for (var i = 0; i < count; i++)
        {
            var (address, facts) = dataset == RbldnsdDataset.Ip4Set
                ? (IpNetwork.ToAddress(AddressFamily.InterNetwork, snapshot.IPv4Addresses.Span[i]), snapshot.IPv4Facts.Span[i])
                : (IpNetwork.ToAddress(AddressFamily.InterNetworkV6, snapshot.IPv6Addresses.Span[i]), snapshot.IPv6Facts.Span[i]);
            await WriteEntryAsync(writer, address, facts, url, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The text of a TXT answer with <c>$</c> for the address, as both rbldnsd and <see cref="RbldnsdZoneReader"/> read it.</summary>
    public static string TxtTemplate(ListingFacts facts, string url) => facts.HasCounts
        ? string.Create(CultureInfo.InvariantCulture, $"$ reflected {facts.Messages} backscatter messages to {facts.Networks} networks, last seen {DateOnly.FromDayNumber(facts.LastSeenDay):yyyy-MM-dd}; see {url}")
        : $"$ is listed; see {url}";

    private static async Task WriteEntryAsync(TextWriter writer, IPAddress address, ListingFacts facts, string url, CancellationToken cancellationToken)
    {
        var text = TxtTemplate(facts, url);
        // One line per return code: rbldnsd's ip4set answers every matching line, hence several A records.
        for (var code = 0; code < 32; code++)
        {
            if ((facts.CodeMask & (1u << code)) != 0)
            {
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{address} :127.0.0.{code}:{text}").AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
