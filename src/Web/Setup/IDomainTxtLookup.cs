namespace Backscatter.Web.Setup;

/// <summary>Looks up the TXT records of a name, fresh every time: "Check now" must see a record published a moment ago.</summary>
public interface IDomainTxtLookup
{
    Task<TxtLookup> LookupAsync(string name, CancellationToken cancellationToken);
}
