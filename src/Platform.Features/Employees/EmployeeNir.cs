using Microsoft.AspNetCore.DataProtection;

namespace Platform.Features.Employees;

/// <summary>
/// Encryption at rest of the NIR/INS (SPEC.md 4.5) with the platform's data-protection keys, under a
/// purpose of its own per tenant: a value copied to another tenant's rows does not decrypt there.
/// </summary>
public sealed class EmployeeNir(IDataProtectionProvider dataProtection)
{
    private IDataProtector For(string tenantId) => dataProtection.CreateProtector("Platform.Employees.Nir.v1", tenantId);

    public string Protect(string tenantId, string nir) => For(tenantId).Protect(nir);

    public string Reveal(string tenantId, string protectedNir) => For(tenantId).Unprotect(protectedNir);
}
