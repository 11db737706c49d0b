using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace Backscatter.Feed.Dns;

/// <summary>
/// An IPv6 address as text in ASCII, as <see cref="IPAddress.ToString"/> writes it (RFC 5952: lowercase hex
/// without leading zeros, the first longest run of two or more zero groups as "::"), without creating an
/// <see cref="IPAddress"/>: TXT answers are written for every query and allocate nothing.
/// </summary>
internal static class Ipv6Text
{
    /// <summary>The longest text: eight groups of four digits and seven colons, or an embedded IPv4 form.</summary>
    public const int MaxLength = 46;

    public static int Format(UInt128 address, Span<byte> destination)
    {
        Span<ushort> groups = stackalloc ushort[8];
        for (var i = 0; i < 8; i++)
        {
            groups[i] = (ushort)(address >> (112 - (16 * i)));
        }

        if (MayEmbedIPv4(groups))
        {
            return FormatByIPAddress(address, destination);
        }

        var (zerosStart, zerosLength) = LongestZeroRun(groups);
        var length = 0;
        for (var i = 0; i < 8; i++)
        {
            if (i == zerosStart)
            {
                destination[length++] = (byte)':';
                destination[length++] = (byte)':';
                i += zerosLength - 1;
                continue;
            }

            if (length > 0 && destination[length - 1] != ':')
            {
                destination[length++] = (byte)':';
            }

            groups[i].TryFormat(destination[length..], out var written, "x", CultureInfo.InvariantCulture);
            length += written;
        }

        return length;
    }

    // Whatever IPAddress might write with a dotted IPv4 tail (IPv4-mapped, -compatible, SIIT, ISATAP): the first
    // 64 bits zero, or ISATAP's 0:5efe. Rare among listed reflectors (IPv4-mapped ones are listed as IPv4), and
    // left to IPAddress, which knows its own rules.
    private static bool MayEmbedIPv4(ReadOnlySpan<ushort> groups) =>
        (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0) || (groups[4] == 0 && groups[5] == 0x5EFE);

    private static (int Start, int Length) LongestZeroRun(ReadOnlySpan<ushort> groups)
    {
        int start = -1, length = 0;
        for (var i = 0; i < groups.Length;)
        {
            if (groups[i] != 0)
            {
                i++;
                continue;
            }

            var end = i;
            while (end < groups.Length && groups[end] == 0)
            {
                end++;
            }

            if (end - i > length)
            {
                (start, length) = (i, end - i);
            }

            i = end;
        }

        // A single zero group is written as 0, not as "::" (RFC 5952, 4.2.2).
        return length >= 2 ? (start, length) : (-1, 0);
    }

    private static int FormatByIPAddress(UInt128 address, Span<byte> destination)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, address);
        new IPAddress(bytes).TryFormat(destination, out var written);
        return written;
    }
}
