using System.Collections.Concurrent;
using System.Text;

namespace Backscatter.Domain.Mail;

/// <summary>
/// Encodings by name, legacy ones included: bounces arrive in ISO-2022-JP, Shift_JIS, KOI8-R and
/// the like, which .NET knows only once the code-pages provider is registered.
/// </summary>
internal static class LegacyCharsets
{
    // Looking an encoding up builds it anew (and an unknown name costs an exception): the names seen
    // are few, so each is looked up once. Names come from mail, so the cache is bounded.
    private const int MaxCached = 256;

    private static readonly bool Registered = Register();

    private static readonly ConcurrentDictionary<string, Encoding?> Cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The encoding, or null when the name is unknown even with the code pages.</summary>
    public static Encoding? Get(string name)
    {
        _ = Registered;
        if (Cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var encoding = Lookup(name);
        if (Cache.Count < MaxCached)
        {
            Cache.TryAdd(name, encoding);
        }

        return encoding;
    }

    private static Encoding? Lookup(string name)
    {
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            // Unknown names, and UTF-7, which .NET refuses on purpose.
            return null;
        }
    }

    private static bool Register()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    }
}
