using System.Net;

using Backscatter.Domain.Listing;

namespace Backscatter.Domain.Tests.Listing;

/// <summary>Builds evidence for the table tests: a reflector, tenants by letter, times in hours from a fixed start.</summary>
internal static class ListingPolicyScenario
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly IPAddress Reflector = IPAddress.Parse("8.8.4.4");

    public static Guid Tenant(char letter) => new($"00000000-0000-0000-0000-0000000000{(int)letter:x2}");

    /// <summary>"A@0 B@1x3 C@48:auto" = tenant A at hour 0, tenant B at hour 1 three messages, tenant C at hour 48 an auto-reply.</summary>
    public static BackscatterSighting[] Parse(string script) =>
    [
        .. script.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(item =>
        {
            var kind = BackscatterKind.Bounce;
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                kind = item[(colon + 1)..] switch
                {
                    "auto" => BackscatterKind.AutoReply,
                    "challenge" => BackscatterKind.ChallengeResponse,
                    "virus" => BackscatterKind.VirusNotice,
                    _ => BackscatterKind.Bounce,
                };
                item = item[..colon];
            }

            var count = 1;
            var times = item.IndexOf('x', StringComparison.Ordinal);
            if (times > 0)
            {
                count = int.Parse(item[(times + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                item = item[..times];
            }

            var hours = double.Parse(item[2..], System.Globalization.CultureInfo.InvariantCulture);
            return new BackscatterSighting(Tenant(item[0]), kind, Start.AddHours(hours), count);
        }),
    ];

    public static ListingDecision Evaluate(string script, double nowHours, ListingPolicyOptions? options = null) =>
        new ListingPolicy(options ?? new ListingPolicyOptions())
            .Evaluate(new ReflectorEvidence(Reflector, Parse(script)), Start.AddHours(nowHours));
}
