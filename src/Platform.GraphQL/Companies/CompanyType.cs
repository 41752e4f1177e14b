using GraphQL.Types;
using Platform.Features.Companies;

namespace Platform.GraphQL.Companies;

public sealed class CompanyType : ObjectGraphType<CompanyView>
{
    public CompanyType()
    {
        Name = "Company";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("memberNumber").Resolve(c => c.Source.MemberNumber);
        Field<NonNullGraphType<StringGraphType>>("siret").Resolve(c => c.Source.Siret);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("legalForm").Resolve(c => c.Source.LegalForm);
        Field<StringGraphType>("nafCode").Resolve(c => c.Source.NafCode);
    }
}
