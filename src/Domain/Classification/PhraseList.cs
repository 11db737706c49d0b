using System.Buffers;

namespace Backscatter.Domain.Classification;

/// <summary>
/// A list of lower-case sentences looked for in a text, any one of which is a hit; '*' in a phrase
/// matches any run of characters. The plain phrases are searched all at once (one vectorised pass
/// over the text instead of one per phrase): a recipient is checked against hundreds of them.
/// </summary>
internal sealed class PhraseList
{
    private readonly SearchValues<string> _plain;
    private readonly string[][] _starred;

    public PhraseList(string[] phrases)
    {
        Phrases = phrases;
        _plain = SearchValues.Create(phrases.Where(p => !p.Contains('*', StringComparison.Ordinal)).ToArray(), StringComparison.Ordinal);
        _starred = phrases.Where(p => p.Contains('*', StringComparison.Ordinal))
            .Select(p => p.Split('*', StringSplitOptions.RemoveEmptyEntries))
            .ToArray();
    }

    public string[] Phrases { get; }

    /// <summary>True when one of the phrases occurs in the text.</summary>
    public bool IsIn(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        if (text.AsSpan().ContainsAny(_plain))
        {
            return true;
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

    private static bool InOrder(string text, string[] pieces)
    {
        var position = 0;
        foreach (var piece in pieces)
        {
            var found = text.IndexOf(piece, position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + piece.Length;
        }

        return true;
    }
}
