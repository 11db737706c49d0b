using System.Text;

namespace Backscatter.Domain.Mail;

/// <summary>
/// Encodings by name, legacy ones included: bounces arrive in ISO-2022-JP, Shift_JIS, KOI8-R and
/// the like, which .NET knows only once the code-pages provider is registered.
/// </summary>
internal static class LegacyCharsets
{
    private static readonly bool Registered = Register();

    /// <summary>The encoding, or null when the name is unknown even with the code pages.</summary>
    public static Encoding? Get(string name)
    {
        _ = Registered;
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
