using System.Buffers;

namespace Backscatter.Domain.Mail;

/// <summary>
/// A list of sentences looked for in a text, any one of which is a hit; '*' in a phrase matches any
/// run of characters. The plain ASCII phrases are searched all at once (one vectorised pass over the
/// text instead of one per phrase): a recipient is checked against hundreds of them. Phrases in other
/// scripts are searched one by one: a single one of them turns the shared search from vectorised into
/// a walk character by character.
/// </summary>
internal sealed class PhraseList
{
    private readonly SearchValues<string> _ascii;
    private readonly string[] _other;
    private readonly string[][] _starred;
    private readonly string[] _phrases;
    private readonly StringComparison _comparison;

    public PhraseList(string[] phrases, StringComparison comparison = StringComparison.Ordinal)
    {
        _phrases = phrases;
        var plain = phrases.Where(p => !p.Contains('*', StringComparison.Ordinal)).ToArray();
        _ascii = SearchValues.Create(plain.Where(p => System.Text.Ascii.IsValid(p)).ToArray(), comparison);
        _other = plain.Where(p => !System.Text.Ascii.IsValid(p)).ToArray();
        _starred = phrases.Where(p => p.Contains('*', StringComparison.Ordinal))
            .Select(p => p.Split('*', StringSplitOptions.RemoveEmptyEntries))
            .ToArray();
        _comparison = comparison;
    }

    /// <summary>
    /// The phrases of several ordinal lists as one: when it finds nothing in a text, none of them
    /// does, and one pass tells so instead of one per list.
    /// </summary>
    public static PhraseList AnyOf(params PhraseList[] lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        if (lists.Any(l => l._comparison != StringComparison.Ordinal))
        {
            throw new ArgumentException("Only lists searched ordinally can be joined.", nameof(lists));
        }

        return new PhraseList(lists.SelectMany(l => l._phrases).Distinct(StringComparer.Ordinal).ToArray());
    }

    /// <summary>True when one of the phrases occurs in the text.</summary>
    public bool IsIn(string text) => IsIn(text.AsSpan());

    /// <summary>True when one of the phrases occurs in the text; never in an empty one.</summary>
    public bool IsIn(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        if (text.ContainsAny(_ascii))
        {
            return true;
        }

        foreach (var phrase in _other)
        {
            if (text.Contains(phrase, _comparison))
            {
                return true;
            }
        }

        foreach (var pieces in _starred)
        {
            if (InOrder(text, pieces))
            {
                return true;
            }
        }

        return false;
    }

    private bool InOrder(ReadOnlySpan<char> text, string[] pieces)
    {
        var position = 0;
        foreach (var piece in pieces)
        {
            var found = text[position..].IndexOf(piece, _comparison);
            if (found < 0)
            {
                return false;
            }

            position += found + piece.Length;
        }

        return true;
    }
}
