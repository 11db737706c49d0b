using System.Text.Json;

using Backscatter.Domain.Net;
using Backscatter.Domain.Tenancy;
using Backscatter.Domain.Verdicts;

namespace Backscatter.Ingest.Cli;

/// <summary>
/// The <c>--tenant FILE</c> of the classify verb: a tenant's mail configuration as JSON, every
/// field optional. <c>outboundRelays</c> and <c>trustedInboundHosts</c> take host names
/// (<c>*.example.com</c> too) and networks; <c>authorisedSendingIps</c> takes networks.
/// </summary>
internal static class TenantFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <exception cref="FormatException">The file is not valid JSON or holds a value that cannot be used; the message says which.</exception>
    public static TenantMailConfiguration Read(string path)
    {
        Shape shape;
        try
        {
            shape = JsonSerializer.Deserialize<Shape>(File.ReadAllText(path), Json) ?? new Shape();
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{path}: not a tenant configuration: {ex.Message}", ex);
        }

        foreach (var entry in shape.AuthorisedSendingIps ?? [])
        {
            if (!IpNetwork.TryParse(entry, out _))
            {
                throw new FormatException($"{path}: authorisedSendingIps: '{entry}' is not an address or network (for example 192.0.2.0/24).");
            }
        }

        var keys = new List<BatvKey>();
        foreach (var key in shape.BatvKeys ?? [])
        {
            if (key.Number is < 0 or > BatvKey.MaxNumber || string.IsNullOrEmpty(key.Secret))
            {
                throw new FormatException($"{path}: batvKeys: each key needs a number from 0 to 9 and a secret.");
            }

            keys.Add(new BatvKey(key.Number, key.Secret));
        }

        var settings = new TenantMailSettings
        {
            OutboundRelays = shape.OutboundRelays ?? [],
            AuthorisedSendingIps = shape.AuthorisedSendingIps ?? [],
            TrustedInboundHosts = shape.TrustedInboundHosts ?? [],
            VerpPatterns = shape.VerpPatterns ?? [],
            DkimSelectors = shape.DkimSelectors ?? [],
            SenderPatterns = shape.SenderPatterns ?? [],
        };
        return settings.ToConfiguration(shape.Domains ?? [], keys);
    }

    private sealed class Shape
    {
        public string[]? Domains { get; set; }

        public string[]? OutboundRelays { get; set; }

        public string[]? AuthorisedSendingIps { get; set; }

        public string[]? TrustedInboundHosts { get; set; }

        public KeyShape[]? BatvKeys { get; set; }

        public string[]? SenderPatterns { get; set; }

        public string[]? VerpPatterns { get; set; }

        public string[]? DkimSelectors { get; set; }
    }

    private sealed class KeyShape
    {
        public int Number { get; set; }

        public string? Secret { get; set; }
    }
}
