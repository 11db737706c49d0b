using MimeKit;

namespace Backscatter.Domain.Mail;

/// <summary>
/// A block of header fields: the top of a message, of a message/rfc822 part, or headers quoted in a
/// bounce's text. Lookups are case-insensitive and keep the written order.
/// </summary>
public sealed class HeaderBlock
{
    // A message with 10,000 headers still gets a result; fields past this are not looked at.
    public const int MaxFields = 1000;

    public static readonly HeaderBlock Empty = new(Array.Empty<MailHeader>());

    // Parsed messages keep MimeKit's list: a value is decoded (RFC 2047) only when someone asks for it.
    private readonly HeaderList? _mime;
    private IReadOnlyList<MailHeader>? _fields;

    // Values decoded so far, by position: the classifier asks for From, To and Return-Path many times.
    private string?[]? _values;

    public HeaderBlock(IReadOnlyList<MailHeader> fields)
    {
        _fields = fields;
    }

    private HeaderBlock(HeaderList mime)
    {
        _mime = mime;
    }

    public IReadOnlyList<MailHeader> Fields => _fields ??= Materialize(_mime!);

    public bool IsEmpty => _mime?.Count == 0 || _fields?.Count == 0;

    public string? Get(string name)
    {
        if (_mime is not null)
        {
            var limit = Math.Min(_mime.Count, MaxFields);
            for (var i = 0; i < limit; i++)
            {
                if (_mime[i].Field.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return ValueAt(i);
                }
            }

            return null;
        }

        foreach (var field in Fields)
        {
            if (field.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return field.Value;
            }
        }

        return null;
    }

    public bool Has(string name)
    {
        if (_mime is not null)
        {
            var limit = Math.Min(_mime.Count, MaxFields);
            for (var i = 0; i < limit; i++)
            {
                if (_mime[i].Field.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        return Get(name) is not null;
    }

    /// <summary>The field names, in order, without decoding any value (the fields <see cref="Get"/> looks at).</summary>
    public IEnumerable<string> Names
    {
        get
        {
            if (_mime is not null)
            {
                var limit = Math.Min(_mime.Count, MaxFields);
                for (var i = 0; i < limit; i++)
                {
                    yield return _mime[i].Field;
                }

                yield break;
            }

            foreach (var header in Fields)
            {
                yield return header.Name;
            }
        }
    }

    public IEnumerable<string> GetAll(string name)
    {
        if (_mime is not null)
        {
            var limit = Math.Min(_mime.Count, MaxFields);
            for (var i = 0; i < limit; i++)
            {
                if (_mime[i].Field.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    yield return ValueAt(i);
                }
            }

            yield break;
        }

        foreach (var field in Fields)
        {
            if (field.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                yield return field.Value;
            }
        }
    }

    public static HeaderBlock From(HeaderList headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return new HeaderBlock(headers);
    }

    private string ValueAt(int index)
    {
        var values = _values ??= new string?[Math.Min(_mime!.Count, MaxFields)];
        return values[index] ??= ValueOf(_mime![index]);
    }

    /// <summary>
    /// The value as MimeKit's <see cref="Header.Value"/> gives it. MimeKit runs every value through
    /// its RFC 2047 tokenizer and then unfolds it; for plain ASCII without an encoded word that is
    /// only trimming white space and dropping line breaks, done here in one pass over the raw bytes.
    /// </summary>
    internal static string ValueOf(Header header)
    {
        var raw = header.RawValue.AsSpan();
        if (raw.ContainsAnyExceptInRange((byte)0, (byte)0x7F) || raw.IndexOf("=?"u8) >= 0)
        {
            return header.Value ?? string.Empty;
        }

        var start = 0;
        var end = raw.Length;
        while (start < end && IsAsciiWhiteSpace(raw[start]))
        {
            start++;
        }

        while (end > start && IsAsciiWhiteSpace(raw[end - 1]))
        {
            end--;
        }

        var value = raw[start..end];
        var breaks = value.Count((byte)'\n') + value.Count((byte)'\r');
        if (breaks == 0)
        {
            return System.Text.Encoding.ASCII.GetString(value);
        }

        Span<byte> unfolded = value.Length - breaks <= 1024 ? stackalloc byte[value.Length - breaks] : new byte[value.Length - breaks];
        var length = 0;
        foreach (var b in value)
        {
            if (b is not (byte)'\n' and not (byte)'\r')
            {
                unfolded[length++] = b;
            }
        }

        return System.Text.Encoding.ASCII.GetString(unfolded);
    }

    // char.IsWhiteSpace on the ASCII range: tab, line feed, vertical tab, form feed, carriage return, space.
    private static bool IsAsciiWhiteSpace(byte b) => b is (>= 9 and <= 13) or 32;

    private static List<MailHeader> Materialize(HeaderList headers)
    {
        var fields = new List<MailHeader>(Math.Min(headers.Count, MaxFields));
        foreach (var header in headers)
        {
            if (fields.Count == MaxFields)
            {
                break;
            }

            fields.Add(new MailHeader(header.Field, ValueOf(header)));
        }

        return fields;
    }

    /// <summary>
    /// Reads header fields from plain text (headers quoted in a bounce body, text/rfc822-headers),
    /// starting at the first line that looks like a field and ending at the first blank line after it.
    /// Quoted headers are often indented or prefixed with "> "; both are tolerated.
    /// </summary>
    public static HeaderBlock Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = new List<MailHeader>();
        string? name = null;
        var value = new System.Text.StringBuilder();
        var started = false;
        var skippedBeforeStart = 0;

        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            var line = rawLine;
            if (line.StartsWith("> "))
            {
                line = line[2..];
            }

            if (line.IsWhiteSpace())
            {
                if (started)
                {
                    break;
                }

                continue;
            }

            if (started && name is not null && (line[0] == ' ' || line[0] == '\t'))
            {
                value.Append(' ').Append(line.Trim());
                continue;
            }

            var trimmed = line.TrimStart();
            var colon = trimmed.IndexOf(':');
            if (colon > 0 && IsFieldName(trimmed[..colon]))
            {
                if (name is not null)
                {
                    fields.Add(new MailHeader(name, value.ToString()));
                }

                if (fields.Count == MaxFields)
                {
                    name = null;
                    break;
                }

                started = true;
                name = trimmed[..colon].ToString();
                value.Clear().Append(trimmed[(colon + 1)..].Trim());
                continue;
            }

            if (started)
            {
                // A line that is neither a field nor a continuation ends a quoted block.
                break;
            }

            if (++skippedBeforeStart > 5)
            {
                break;
            }
        }

        if (name is not null)
        {
            fields.Add(new MailHeader(name, value.ToString()));
        }

        return new HeaderBlock(fields);
    }

    private static bool IsFieldName(ReadOnlySpan<char> name)
    {
        if (name.Length > 76)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c <= ' ' || c > '~')
            {
                return false;
            }
        }

        return true;
    }
}
