namespace Backscatter.Infra.Tests;

/// <summary>One run of the Bicep CLI: its exit code, what it printed, and the diagnostics in it.</summary>
public sealed record BicepRun(int ExitCode, string Output, string Errors)
{
    public IReadOnlyList<BicepDiagnostic> Diagnostics { get; } = BicepDiagnostic.ParseAll(Errors);

    /// <summary>Errors and warnings (compiler and linter); informational diagnostics are left out.</summary>
    public IReadOnlyList<BicepDiagnostic> Problems => [.. Diagnostics.Where(d => d.Level is "Error" or "Warning")];

    /// <summary>Everything the CLI said, for assertion messages.</summary>
    public override string ToString() => $"exit code {ExitCode}\n{Errors}";
}
