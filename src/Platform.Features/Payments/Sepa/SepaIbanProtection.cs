using Microsoft.AspNetCore.DataProtection;

namespace Platform.Features.Payments.Sepa;

/// <summary>
/// Encryption at rest of a mandate's IBAN, the NIR's way (<see cref="Employees.EmployeeNir"/>): the platform's
/// data-protection keys under a purpose of its own per tenant, so a value copied to another tenant's rows
/// does not decrypt there. Only the payment provider set-up reads it back.
/// </summary>
public sealed class SepaIbanProtection(IDataProtectionProvider dataProtection)
{
    private IDataProtector For(string tenantId) => dataProtection.CreateProtector("Platform.Payments.SepaIban.v1", tenantId);

    public string Protect(string tenantId, string iban) => For(tenantId).Protect(iban);

    public string Reveal(string tenantId, string protectedIban) => For(tenantId).Unprotect(protectedIban);
}
