using System.Text.Json;

using Backscatter.Domain.Tenancy;
using Backscatter.Domain.Verdicts;

namespace Backscatter.Ingest.Cli;

/// <summary>
/// The <c>--tenant FILE</c> of the classify verb: a tenant's mail configuration as JSON, every
/// field optional. <c>outboundRelays</c> and <c>trustedInboundHosts</c> take host names
/// (<c>*.example.com</c> too) and networks; <c>authorisedSendingIps</c> takes networks. Every entry
/// is checked as the Setup page checks it, and refused with the same words.
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

        var keys = new List<BatvKey>();
        foreach (var key in shape.BatvKeys ?? [])
        {
            if (key.Number is < 0 or > BatvKey.MaxNumber || string.IsNullOrEmpty(key.Secret))
            {
                throw new FormatException($"{path}: batvKeys: each key needs a number from 0 to 9 and a secret.");
            }

            keys.Add(new BatvKey(key.Number, key.Secret));
        }

        // The Setup page's checks: the file's entries reach the verdict rules in the same shape.
        var settings = new TenantMailSettings
        {
            OutboundRelays = Checked(path, "outboundRelays", MailSettingList.OutboundRelays, shape.OutboundRelays),
            AuthorisedSendingIps = Checked(path, "authorisedSendingIps", MailSettingList.AuthorisedSendingIps, shape.AuthorisedSendingIps),
            TrustedInboundHosts = Checked(path, "trustedInboundHosts", MailSettingList.TrustedInboundHosts, shape.TrustedInboundHosts),
            VerpPatterns = Checked(path, "verpPatterns", MailSettingList.VerpPatterns, shape.VerpPatterns),
            DkimSelectors = Checked(path, "dkimSelectors", MailSettingList.DkimSelectors, shape.DkimSelectors),
            SenderPatterns = Checked(path, "senderPatterns", MailSettingList.SenderPatterns, shape.SenderPatterns),
        };
        var domains = new List<string>();
        foreach (var entry in shape.Domains ?? [])
        {
            var check = MailSettingEntries.Domain(entry);
            domains.Add(check.Value ?? throw new FormatException($"{path}: domains: {check.Error}"));
        }

        return settings.ToConfiguration(domains, keys);
    }

    private static string[] Checked(string path, string field, MailSettingList list, string[]? entries)
    {
        var accepted = new List<string>();
        foreach (var entry in entries ?? [])
        {
            var check = MailSettingEntries.CheckNew(list, entry, accepted);
            accepted.Add(check.Value ?? throw new FormatException($"{path}: {field}: {check.Error}"));
        }

        return [.. accepted];
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
