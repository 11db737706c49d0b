using System.Text.RegularExpressions;

namespace Backscatter.Infra.Tests;

/// <summary>A compiler or linter diagnostic, as the CLI prints it: <c>file(line,column) : Level code: message</c>.</summary>
public sealed partial record BicepDiagnostic(string File, int Line, string Level, string Code, string Message)
{
    public static IReadOnlyList<BicepDiagnostic> ParseAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. text.Split('\n')
            .Select(line => DiagnosticLine().Match(line.TrimEnd('\r')))
            .Where(m => m.Success)
            .Select(m => new BicepDiagnostic(
                Path.GetFileName(m.Groups["file"].Value),
                int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                m.Groups["level"].Value,
                m.Groups["code"].Value,
                m.Groups["message"].Value))];
    }

    public override string ToString() => $"{File}({Line}) {Level} {Code}: {Message}";

    [GeneratedRegex(@"^(?<file>.+)\((?<line>\d+),(?<column>\d+)\) : (?<level>Error|Warning|Info) (?<code>[^:]+): (?<message>.*)$")]
    private static partial Regex DiagnosticLine();
}
