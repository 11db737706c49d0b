namespace Backscatter.Web.Setup;

/// <summary>What a change on the Setup page came to; <see cref="NewBatvSecret"/> is set once, right after a key is generated.</summary>
public sealed record SetupResult(SetupOutcome Outcome, string Message, int? NewBatvKeyNumber = null, string? NewBatvSecret = null)
{
    public static SetupResult Denied { get; } = new(SetupOutcome.Denied, "Only owners and admins change the setup.");

    public static SetupResult NotFound { get; } = new(SetupOutcome.NotFound, "Not found; it may have been removed already.");

    public bool Succeeded => Outcome == SetupOutcome.Changed;

    public static SetupResult Changed(string message) => new(SetupOutcome.Changed, message);

    public static SetupResult Invalid(string message) => new(SetupOutcome.Invalid, message);
}
