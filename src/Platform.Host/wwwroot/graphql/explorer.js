// The API explorer (GraphiQL, served from this host). The endpoint is this tenant's own /graphql; the
// token pasted in the bar goes with every request as « Authorization: Bearer … » and is kept nowhere.
(function () {
    var endpoint = window.location.origin + '/graphql';
    document.getElementById('endpoint').textContent = endpoint;
    var tokenField = document.getElementById('token');
    var fetchGraphQL = GraphiQL.createFetcher({ url: endpoint });

    function fetcher(params, options) {
        var headers = Object.assign({}, options && options.headers);
        var token = tokenField.value.trim().replace(/^Bearer\s+/i, '');
        if (token) headers.Authorization = 'Bearer ' + token;
        return fetchGraphQL(params, Object.assign({}, options, { headers: headers }));
    }

    var defaultQuery = '# Explorateur de l\'API GraphQL de ce service.\n' +
        '# Collez un jeton d\'accès dans la barre ci-dessus pour agir en votre nom ;\n' +
        '# le bouton ▶ exécute la requête, la documentation du schéma est à gauche.\n' +
        '{\n  tenant {\n    slug\n    name\n  }\n  me {\n    email\n  }\n}\n';

    ReactDOM.createRoot(document.getElementById('graphiql')).render(
        React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery, shouldPersistHeaders: false }));
})();
