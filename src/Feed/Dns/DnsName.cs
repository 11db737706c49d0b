using System.Text;

namespace Backscatter.Feed.Dns;

/// <summary>Configured host names in their wire form (RFC 1035 length-prefixed labels).</summary>
public static class DnsName
{
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        var trimmed = name.TrimEnd('.');
        if (trimmed.Length is 0 or > 253)
        {
            return false;
        }

        foreach (var label in trimmed.Split('.'))
        {
            if (label.Length is 0 or > 63 || !label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The lower-case wire form, ending with the root label.</summary>
    public static byte[] ToWire(string name)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a DNS name.", nameof(name));
        }

        var labels = name.TrimEnd('.').ToLowerInvariant().Split('.');
        var wire = new byte[labels.Sum(l => l.Length + 1) + 1];
        var position = 0;
        foreach (var label in labels)
        {
            wire[position++] = (byte)label.Length;
            position += Encoding.ASCII.GetBytes(label, wire.AsSpan(position));
        }

        return wire;
    }
}
