namespace Backscatter.Testing;

/// <summary>A fresh database with the migrations applied: the class fixture of tests that only need the schema.</summary>
public sealed class MigratedTestDatabase : TestDatabase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await MigrateAsync();
    }
}
