using Microsoft.Extensions.Options;

namespace Backscatter.Web.Accounts;

/// <summary>Account mail needs somewhere to go: a pickup folder or a smarthost.</summary>
public sealed class AccountMailOptionsValidator : IValidateOptions<AccountMailOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountMailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.PickupDirectory) && string.IsNullOrWhiteSpace(options.SmarthostHost)
            ? ValidateOptionsResult.Fail("Set AccountMail:PickupDirectory or AccountMail:SmarthostHost: account mail has nowhere to go.")
            : ValidateOptionsResult.Success;
    }
}
