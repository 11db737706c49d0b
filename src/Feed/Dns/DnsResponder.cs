using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Backscatter.Feed.Dns;

/// <summary>
/// Turns one DNS query into one answer for the DNSBL zone (RFC 1035, RFC 5782, RFC 6891, RFC 2308).
/// It works on caller-owned buffers and reads the snapshot once, so a receive loop can call it for
/// every datagram without allocating; the transports only move bytes.
/// </summary>
public sealed class DnsResponder
{
    /// <summary>A buffer this large always holds a complete answer (names, TXT and NS count are bounded by validation).</summary>
    public const int MaxResponseSize = 4096;

    internal const int HeaderSize = 12;
    private const int MaxNameLength = 255;
    private const int PlainUdpLimit = 512;
    private const int MaxCompressionJumps = 32;

    private const ushort TypeA = 1;
    private const ushort TypeNs = 2;
    private const ushort TypeSoa = 6;
    private const ushort TypeTxt = 16;
    private const ushort TypeOpt = 41;
    private const ushort TypeAny = 255;
    private const ushort ClassIn = 1;
    private const ushort ClassAny = 255;

    private const int RcodeFormErr = 1;
    private const int RcodeNxDomain = 3;
    private const int RcodeNotImp = 4;
    private const int RcodeRefused = 5;
    private const int RcodeBadVers = 16;

    private const uint TestPointV4 = 0x7F000002;
    private const uint NeverListedV4 = 0x7F000001;
    private static readonly UInt128 TestPointV6 = new(0, 0x0000_FFFF_7F00_0002);
    private static readonly UInt128 NeverListedV6 = new(0, 0x0000_FFFF_7F00_0001);
    private static readonly ListingFacts TestPointFacts = new(1u << 2, 0, 0, 0);

    private static readonly byte[] ReflectedText = Encoding.ASCII.GetBytes(" reflected ");
    private static readonly byte[] MessagesToText = Encoding.ASCII.GetBytes(" backscatter messages to ");
    private static readonly byte[] NetworksLastSeenText = Encoding.ASCII.GetBytes(" networks, last seen ");
    private static readonly byte[] SeeText = Encoding.ASCII.GetBytes("; see ");
    private static readonly byte[] ListedText = Encoding.ASCII.GetBytes(" is listed; see ");
    private static readonly byte[] TestPointText = Encoding.ASCII.GetBytes(" is the RFC 5782 test point of this list; see ");

    private readonly ActiveListing _listing;
    private readonly byte[] _zone;
    private readonly int _zoneLabels;
    private readonly byte[][] _nameServers;
    private readonly byte[] _soaNames;
    private readonly byte[][] _urlParts;
    private readonly uint _ttl;
    private readonly uint _apexTtl;
    private readonly uint _negativeTtl;
    private readonly uint _refresh;
    private readonly uint _retry;
    private readonly uint _expire;
    private readonly int _maxUdpPayload;

    public DnsResponder(DnsFeedOptions options, ActiveListing listing)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(listing);
        var validation = new DnsFeedOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new ArgumentException(validation.FailureMessage, nameof(options));
        }

        _listing = listing;
        _zone = DnsName.ToWire(options.Zone);
        _zoneLabels = options.Zone.TrimEnd('.').Split('.').Length;
        _nameServers = [.. options.EffectiveNameServers.Select(DnsName.ToWire)];
        _soaNames = [.. _nameServers[0], .. DnsName.ToWire(options.Hostmaster)];
        _urlParts = [.. options.LookupUrlTemplate.Split("{ip}").Select(Encoding.ASCII.GetBytes)];
        _ttl = (uint)options.Ttl;
        _apexTtl = (uint)options.ApexTtl;
        _negativeTtl = (uint)options.NegativeTtl;
        _refresh = (uint)options.SoaRefresh;
        _retry = (uint)options.SoaRetry;
        _expire = (uint)options.SoaExpire;
        _maxUdpPayload = options.MaxUdpPayload;
    }

    /// <summary>Answers <paramref name="query"/> into <paramref name="response"/>.</summary>
    /// <param name="response">At least <see cref="MaxResponseSize"/> bytes.</param>
    /// <param name="overTcp">TCP answers are never truncated; UDP answers fit 512 bytes, or the client's EDNS(0) size.</param>
    /// <returns>The answer's length, or 0 when the datagram deserves no answer (too short to carry an ID, or itself a response).</returns>
    public int Respond(ReadOnlySpan<byte> query, Span<byte> response, bool overTcp) => Respond(query, response, overTcp, out _);

    /// <inheritdoc cref="Respond(ReadOnlySpan{byte}, Span{byte}, bool)"/>
    /// <param name="answer">How it was answered, for the metrics (<see cref="DnsMetrics"/>).</param>
    public int Respond(ReadOnlySpan<byte> query, Span<byte> response, bool overTcp, out DnsAnswer answer)
    {
        answer = DnsAnswer.None;
        if (response.Length < MaxResponseSize)
        {
            throw new ArgumentException($"The response buffer must hold {MaxResponseSize} bytes.", nameof(response));
        }

        if (query.Length < HeaderSize)
        {
            return 0;
        }

        var flags = BinaryPrimitives.ReadUInt16BigEndian(query[2..]);
        if ((flags & 0x8000) != 0)
        {
            // Answering a response would let two servers bounce packets at each other forever.
            return 0;
        }

        var opcode = (flags >> 11) & 0xF;
        if (opcode != 0)
        {
            answer = DnsAnswer.NotImp;
            return WriteHeaderOnly(query, response, RcodeNotImp);
        }

        // Every other header-only answer is a FORMERR.
        answer = DnsAnswer.FormErr;
        if (BinaryPrimitives.ReadUInt16BigEndian(query[4..]) != 1)
        {
            return WriteHeaderOnly(query, response, RcodeFormErr);
        }

        Span<byte> name = stackalloc byte[MaxNameLength];
        Span<byte> labelStarts = stackalloc byte[128];
        if (!TryReadName(query, HeaderSize, name, out var nameLength, labelStarts, out var labelCount, out var position)
            || position + 4 > query.Length)
        {
            return WriteHeaderOnly(query, response, RcodeFormErr);
        }

        var qtype = BinaryPrimitives.ReadUInt16BigEndian(query[position..]);
        var qclass = BinaryPrimitives.ReadUInt16BigEndian(query[(position + 2)..]);
        position += 4;

        var otherRecords = BinaryPrimitives.ReadUInt16BigEndian(query[6..]) + BinaryPrimitives.ReadUInt16BigEndian(query[8..]);
        var additional = BinaryPrimitives.ReadUInt16BigEndian(query[10..]);
        var edns = false;
        var requestedPayload = PlainUdpLimit;
        var ednsVersion = 0;
        for (var i = 0; i < otherRecords + additional; i++)
        {
            var ownerIsRoot = position < query.Length && query[position] == 0;
            if (!TrySkipName(query, ref position) || position + 10 > query.Length)
            {
                return WriteHeaderOnly(query, response, RcodeFormErr);
            }

            var type = BinaryPrimitives.ReadUInt16BigEndian(query[position..]);
            var dataLength = BinaryPrimitives.ReadUInt16BigEndian(query[(position + 8)..]);
            if (i >= otherRecords && type == TypeOpt)
            {
                if (edns || !ownerIsRoot)
                {
                    return WriteHeaderOnly(query, response, RcodeFormErr);
                }

                edns = true;
                requestedPayload = Math.Max(PlainUdpLimit, (int)BinaryPrimitives.ReadUInt16BigEndian(query[(position + 2)..]));
                ednsVersion = query[position + 5];
            }

            position += 10 + dataLength;
            if (position > query.Length)
            {
                return WriteHeaderOnly(query, response, RcodeFormErr);
            }
        }

        var limit = overTcp ? MaxResponseSize : edns ? Math.Min(requestedPayload, _maxUdpPayload) : PlainUdpLimit;
        var prefixLabels = labelCount - _zoneLabels;
        var inZone = prefixLabels >= 0 && EqualsIgnoreCase(name[labelStarts[prefixLabels]..nameLength], _zone);

        var writer = new MessageWriter(response);
        writer.Skip(HeaderSize);
        writer.Write(name[..nameLength]);
        writer.WriteUInt16(qtype);
        writer.WriteUInt16(qclass);
        var questionEnd = writer.Position;

        int rcode;
        var answers = 0;
        var authority = 0;
        if (edns && ednsVersion != 0)
        {
            rcode = RcodeBadVers;
            answer = DnsAnswer.BadVers;
        }
        else if (!inZone || qclass is not (ClassIn or ClassAny))
        {
            rcode = RcodeRefused;
            answer = DnsAnswer.Refused;
        }
        else
        {
            var snapshot = _listing.Current;
            var apex = (ushort)(0xC000 | (HeaderSize + labelStarts[prefixLabels]));
            answer = Answer(ref writer, snapshot, name, labelStarts, prefixLabels, qtype, apex, ref answers, ref authority);
            rcode = answer == DnsAnswer.NxDomain ? RcodeNxDomain : 0;
        }

        if (edns)
        {
            WriteOpt(ref writer, rcode);
        }

        var truncated = false;
        if (writer.Position > limit)
        {
            // Only the question stays; the TC bit sends the client to TCP for the whole answer.
            truncated = true;
            answers = 0;
            authority = 0;
            writer.Position = questionEnd;
            if (edns)
            {
                WriteOpt(ref writer, rcode);
            }
        }

        WriteHeader(query, response, rcode, aa: inZone && rcode != RcodeRefused, truncated, questions: 1, answers, authority, additional: edns ? 1 : 0);
        return writer.Position;
    }

    private DnsAnswer Answer(
        ref MessageWriter writer, ListingSnapshot snapshot, scoped ReadOnlySpan<byte> name, scoped ReadOnlySpan<byte> labelStarts,
        int prefixLabels, ushort qtype, ushort apex, ref int answers, ref int authority)
    {
        if (prefixLabels == 0)
        {
            if (qtype is TypeSoa or TypeAny)
            {
                WriteSoa(ref writer, apex, snapshot.Serial, _apexTtl);
                answers++;
            }

            if (qtype is TypeNs or TypeAny)
            {
                foreach (var server in _nameServers)
                {
                    writer.WriteRecordHeader(apex, TypeNs, _apexTtl, (ushort)server.Length);
                    writer.Write(server);
                    answers++;
                }
            }

            if (answers == 0)
            {
                WriteSoa(ref writer, apex, snapshot.Serial, _negativeTtl);
                authority++;
            }

            return DnsAnswer.NoError;
        }

        var isV6 = prefixLabels == 32;
        uint v4 = 0;
        UInt128 v6 = 0;
        var parsed = prefixLabels == 4 ? TryParseIPv4(name, labelStarts, out v4) : isV6 && TryParseIPv6(name, labelStarts, out v6);
        var testPoint = parsed && (isV6 ? v6 == TestPointV6 : v4 == TestPointV4);
        ListingFacts facts = default;
        var listed = testPoint
            || (parsed && (isV6
                ? v6 != NeverListedV6 && snapshot.TryFind(v6, out facts)
                : v4 != NeverListedV4 && snapshot.TryFind(v4, out facts)));
        if (testPoint)
        {
            // RFC 5782: the test points answer whatever the listing holds.
            facts = TestPointFacts;
        }

        if (!listed || facts.CodeMask == 0)
        {
            WriteSoa(ref writer, apex, snapshot.Serial, _negativeTtl);
            authority++;
            return DnsAnswer.NxDomain;
        }

        if (qtype is TypeA or TypeAny)
        {
            for (var code = 0; code < 32; code++)
            {
                if ((facts.CodeMask & (1u << code)) != 0)
                {
                    writer.WriteRecordHeader(0xC00C, TypeA, _ttl, 4);
                    writer.WriteUInt32(0x7F000000u | (uint)code);
                    answers++;
                }
            }
        }

        if (qtype is TypeTxt or TypeAny)
        {
            WriteTxt(ref writer, isV6, v4, v6, facts, testPoint);
            answers++;
        }

        if (answers == 0)
        {
            // The name exists but has no record of this type: NODATA (RFC 2308).
            WriteSoa(ref writer, apex, snapshot.Serial, _negativeTtl);
            authority++;
        }

        return DnsAnswer.Listed;
    }

    private void WriteSoa(ref MessageWriter writer, ushort apex, uint serial, uint ttl)
    {
        writer.WriteRecordHeader(apex, TypeSoa, ttl, (ushort)(_soaNames.Length + 20));
        writer.Write(_soaNames);
        writer.WriteUInt32(serial);
        writer.WriteUInt32(_refresh);
        writer.WriteUInt32(_retry);
        writer.WriteUInt32(_expire);
        writer.WriteUInt32(_negativeTtl);
    }

    private void WriteTxt(ref MessageWriter writer, bool isV6, uint v4, UInt128 v6, ListingFacts facts, bool testPoint)
    {
        Span<byte> text = stackalloc byte[1024];
        Span<byte> ip = stackalloc byte[64];
        var ipLength = isV6 ? Ipv6Text.Format(v6, ip) : FormatIPv4(v4, ip);
        var length = Append(text, 0, ip[..ipLength]);
        if (testPoint)
        {
            length = Append(text, length, TestPointText);
        }
        else if (facts.HasCounts)
        {
            length = Append(text, length, ReflectedText);
            facts.Messages.TryFormat(text[length..], out var written, default, CultureInfo.InvariantCulture);
            length = Append(text, length + written, MessagesToText);
            facts.Networks.TryFormat(text[length..], out written, default, CultureInfo.InvariantCulture);
            length = Append(text, length + written, NetworksLastSeenText);
            DateOnly.FromDayNumber(facts.LastSeenDay).TryFormat(text[length..], out written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            length = Append(text, length + written, SeeText);
        }
        else
        {
            length = Append(text, length, ListedText);
        }

        for (var i = 0; i < _urlParts.Length; i++)
        {
            if (i > 0)
            {
                length = Append(text, length, ip[..ipLength]);
            }

            length = Append(text, length, _urlParts[i]);
        }

        // A TXT character-string holds at most 255 bytes; longer text continues in the next one.
        var chunks = (length + 254) / 255;
        writer.WriteRecordHeader(0xC00C, TypeTxt, _ttl, (ushort)(length + chunks));
        for (var offset = 0; offset < length; offset += 255)
        {
            var chunk = text[offset..Math.Min(length, offset + 255)];
            writer.WriteByte((byte)chunk.Length);
            writer.Write(chunk);
        }
    }

    private void WriteOpt(ref MessageWriter writer, int rcode)
    {
        writer.WriteByte(0);
        writer.WriteUInt16(TypeOpt);
        writer.WriteUInt16((ushort)_maxUdpPayload);
        writer.WriteUInt32((uint)(rcode >> 4) << 24);
        writer.WriteUInt16(0);
    }

    private static int WriteHeaderOnly(ReadOnlySpan<byte> query, Span<byte> response, int rcode)
    {
        WriteHeader(query, response, rcode, aa: false, truncated: false, 0, 0, 0, 0);
        return HeaderSize;
    }

    private static void WriteHeader(
        ReadOnlySpan<byte> query, Span<byte> response, int rcode, bool aa, bool truncated, int questions, int answers, int authority, int additional)
    {
        var queryFlags = BinaryPrimitives.ReadUInt16BigEndian(query[2..]);
        var flags = 0x8000 | (queryFlags & 0x7900) | (rcode & 0xF);
        if (aa)
        {
            flags |= 0x0400;
        }

        if (truncated)
        {
            flags |= 0x0200;
        }

        response[0] = query[0];
        response[1] = query[1];
        BinaryPrimitives.WriteUInt16BigEndian(response[2..], (ushort)flags);
        BinaryPrimitives.WriteUInt16BigEndian(response[4..], (ushort)questions);
        BinaryPrimitives.WriteUInt16BigEndian(response[6..], (ushort)answers);
        BinaryPrimitives.WriteUInt16BigEndian(response[8..], (ushort)authority);
        BinaryPrimitives.WriteUInt16BigEndian(response[10..], (ushort)additional);
    }

    /// <summary>
    /// Reads a possibly compressed name into its uncompressed wire form. Every compression pointer must
    /// point before the place the previous jump landed, so the walk always ends (no pointer loops).
    /// </summary>
    internal static bool TryReadName(
        ReadOnlySpan<byte> message, int start, Span<byte> name, out int nameLength, Span<byte> labelStarts, out int labelCount, out int end)
    {
        nameLength = 0;
        labelCount = 0;
        end = -1;
        var position = start;
        var jumpLimit = start;
        for (var jumps = 0; ;)
        {
            if (position >= message.Length)
            {
                return false;
            }

            var length = message[position];
            switch (length & 0xC0)
            {
                case 0xC0:
                    if (position + 1 >= message.Length || ++jumps > MaxCompressionJumps)
                    {
                        return false;
                    }

                    var target = ((length & 0x3F) << 8) | message[position + 1];
                    if (target >= jumpLimit)
                    {
                        return false;
                    }

                    if (end < 0)
                    {
                        end = position + 2;
                    }

                    position = jumpLimit = target;
                    break;
                case 0:
                    if (length == 0)
                    {
                        name[nameLength++] = 0;
                        if (end < 0)
                        {
                            end = position + 1;
                        }

                        return true;
                    }

                    if (position + 1 + length > message.Length || nameLength + length + 2 > MaxNameLength)
                    {
                        return false;
                    }

                    labelStarts[labelCount++] = (byte)nameLength;
                    name[nameLength++] = length;
                    message.Slice(position + 1, length).CopyTo(name[nameLength..]);
                    nameLength += length;
                    position += 1 + length;
                    break;
                default:
                    // 0x40 and 0x80 label types are reserved or obsolete (RFC 6891 retired extended labels).
                    return false;
            }
        }
    }

    private static bool TrySkipName(ReadOnlySpan<byte> message, ref int position)
    {
        for (var total = 0; position < message.Length && total <= MaxNameLength;)
        {
            var length = message[position];
            if ((length & 0xC0) == 0xC0)
            {
                position += 2;
                return position <= message.Length;
            }

            if ((length & 0xC0) != 0)
            {
                return false;
            }

            position += 1 + length;
            total += 1 + length;
            if (length == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>RFC 5782: <c>d.c.b.a</c> for a.b.c.d, decimal octets without leading zeros.</summary>
    private static bool TryParseIPv4(ReadOnlySpan<byte> name, ReadOnlySpan<byte> labelStarts, out uint address)
    {
        address = 0;
        for (var i = 0; i < 4; i++)
        {
            var start = labelStarts[i];
            var length = name[start];
            if (length is 0 or > 3 || (length > 1 && name[start + 1] == '0'))
            {
                return false;
            }

            var value = 0;
            for (var j = 1; j <= length; j++)
            {
                var digit = name[start + j] - '0';
                if ((uint)digit > 9)
                {
                    return false;
                }

                value = value * 10 + digit;
            }

            if (value > 255)
            {
                return false;
            }

            address |= (uint)value << (8 * i);
        }

        return true;
    }

    /// <summary>RFC 5782: 32 nibbles, least significant first, in either case.</summary>
    private static bool TryParseIPv6(ReadOnlySpan<byte> name, ReadOnlySpan<byte> labelStarts, out UInt128 address)
    {
        address = 0;
        for (var i = 0; i < 32; i++)
        {
            var start = labelStarts[i];
            if (name[start] != 1)
            {
                return false;
            }

            var c = name[start + 1] | 0x20;
            int nibble = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : -1;
            if (nibble < 0)
            {
                return false;
            }

            address |= (UInt128)(uint)nibble << (4 * i);
        }

        return true;
    }

    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> wire, ReadOnlySpan<byte> lowerWire)
    {
        if (wire.Length != lowerWire.Length)
        {
            return false;
        }

        for (var i = 0; i < wire.Length; i++)
        {
            var b = wire[i];
            if (b is >= (byte)'A' and <= (byte)'Z')
            {
                b |= 0x20;
            }

            if (b != lowerWire[i])
            {
                return false;
            }
        }

        return true;
    }

    private static int FormatIPv4(uint address, Span<byte> destination)
    {
        var length = 0;
        for (var shift = 24; shift >= 0; shift -= 8)
        {
            ((address >> shift) & 0xFF).TryFormat(destination[length..], out var written, default, CultureInfo.InvariantCulture);
            length += written;
            if (shift > 0)
            {
                destination[length++] = (byte)'.';
            }
        }

        return length;
    }

    private static int Append(Span<byte> text, int length, ReadOnlySpan<byte> part)
    {
        part.CopyTo(text[length..]);
        return length + part.Length;
    }

    private ref struct MessageWriter(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;

        public int Position { get; set; }

        public void Skip(int count) => Position += count;

        public void WriteByte(byte value) => _buffer[Position++] = value;

        public void Write(scoped ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_buffer[Position..]);
            Position += bytes.Length;
        }

        public void WriteUInt16(ushort value)
        {
            BinaryPrimitives.WriteUInt16BigEndian(_buffer[Position..], value);
            Position += 2;
        }

        public void WriteUInt32(uint value)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_buffer[Position..], value);
            Position += 4;
        }

        public void WriteRecordHeader(ushort namePointer, ushort type, uint ttl, ushort dataLength)
        {
            WriteUInt16(namePointer);
            WriteUInt16(type);
            WriteUInt16(ClassIn);
            WriteUInt32(ttl);
            WriteUInt16(dataLength);
        }
    }
}
