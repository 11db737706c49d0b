using System.Diagnostics.CodeAnalysis;

namespace Backscatter.Domain.Verdicts;

/// <summary>A parsed SPF record: the terms of a <c>v=spf1 ...</c> TXT record, in order.</summary>
public sealed record SpfRecord(IReadOnlyList<SpfTerm> Terms)
{
    private static readonly string[] Mechanisms = ["all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"];

    public static bool TryParse(string? text, [NotNullWhen(true)] out SpfRecord? record)
    {
        record = null;
        var parts = text?.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts is null || parts.Length == 0 || !parts[0].Equals("v=spf1", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var terms = new List<SpfTerm>(parts.Length - 1);
        foreach (var part in parts.Skip(1))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (equals > 0 && (colon < 0 || equals < colon))
            {
                terms.Add(new SpfTerm('+', part[..equals].ToLowerInvariant(), part[(equals + 1)..], IsModifier: true));
                continue;
            }

            var qualified = part[0] is '+' or '-' or '~' or '?';
            var qualifier = qualified ? part[0] : '+';
            var body = qualified ? part[1..] : part;
            var separator = body.IndexOfAny([':', '/']);
            var name = (separator < 0 ? body : body[..separator]).ToLowerInvariant();
            if (!Mechanisms.Contains(name, StringComparer.Ordinal))
            {
                return false;
            }

            var value = separator < 0 ? null : body[separator] == ':' ? body[(separator + 1)..] : body[separator..];
            terms.Add(new SpfTerm(qualifier, name, value, IsModifier: false));
        }

        record = new SpfRecord(terms);
        return true;
    }
}
