using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Backscatter.Domain.Incidents;

/// <summary>
/// What makes backscatter reports one campaign: the original's subject with the parts spammers vary
/// taken out, and the shape of the forged sender. Normalised so that one run of forged mail maps
/// to one key while different runs stay apart.
/// </summary>
public readonly partial record struct CampaignKey(string Subject, string SenderPattern)
{
    public const int MaxSubjectLength = 200;
    public const int MaxSenderPatternLength = 320;
    public const string NoSubject = "(no subject)";
    public const string UnknownSender = "(unknown sender)";

    public static CampaignKey Of(string? originalSubject, string? forgedSender) =>
        new(NormaliseSubject(originalSubject), SenderPatternOf(forgedSender));

    /// <summary>
    /// Lower case, reply and forward prefixes removed, every number replaced by <c>#</c>, white space
    /// collapsed: "Re: Invoice 4711 due" and "invoice 815  due" are the same campaign.
    /// </summary>
    public static string NormaliseSubject(string? subject)
    {
        if (string.IsNullOrWhiteSpace(subject))
        {
            return NoSubject;
        }

        var text = subject.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        text = ReplyPrefix().Replace(text, "");
        text = Digits().Replace(text, "#");
        text = WhiteSpace().Replace(text, " ").Trim();
        text = new string([.. text.Where(c => !char.IsControl(c))]);
        if (text.Length == 0)
        {
            return NoSubject;
        }

        return text.Length <= MaxSubjectLength ? text : text[..MaxSubjectLength];
    }

    /// <summary>
    /// The forged sender with what varies from message to message replaced by <c>*</c>: a BATV tag
    /// is removed, every run of letters and digits that contains a digit becomes <c>*</c>, and a
    /// long local part without separators (random letters) becomes <c>*</c> as a whole.
    /// <c>k3j9x@example.com</c> and <c>a81zz@example.com</c> are both <c>*@example.com</c>;
    /// <c>bounce-4711@example.com</c> is <c>bounce-*@example.com</c>.
    /// </summary>
    public static string SenderPatternOf(string? address)
    {
        var at = address?.LastIndexOf('@') ?? -1;
        if (address is null || at <= 0 || at == address.Length - 1)
        {
            return UnknownSender;
        }

        var local = address[..at].Trim('<', ' ').ToLowerInvariant();
        var domain = address[(at + 1)..].Trim('>', ' ', '.').ToLowerInvariant();
        if (BatvTag().Match(local) is { Success: true } tagged)
        {
            local = tagged.Groups["local"].Value;
        }

        local = local.Length >= 12 && !local.Any(IsSeparator)
            ? "*"
            : VaryingRun().Replace(local, "*");
        var pattern = new string([.. $"{local}@{domain}".Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c))]);
        return pattern.Length <= MaxSenderPatternLength ? pattern : pattern[..MaxSenderPatternLength];
    }

    private static bool IsSeparator(char c) => c is '.' or '-' or '_' or '+' or '=';

    [GeneratedRegex(@"^\s*((re|fw|fwd|aw|wg|sv|vs|tr|rif|antw)\s*(\[\d+\])?\s*:\s*)+", RegexOptions.CultureInvariant)]
    private static partial Regex ReplyPrefix();

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"^prvs=[0-9a-f]{10}=(?<local>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex BatvTag();

    [GeneratedRegex(@"[a-z0-9]*[0-9][a-z0-9]*", RegexOptions.CultureInvariant)]
    private static partial Regex VaryingRun();
}
