using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Host.Tests.Infrastructure;

// A fake Stripe for tests: a real HTTP server (Kestrel on a free loopback port) speaking Stripe's wire format
// (form-encoded requests, JSON objects, {"error": …} answers) well enough for the real Stripe.net client.
//
// How to use it:
//   await using var stripe = await FakeStripe.StartAsync(factory.Clock);       // one per test class is fine
//   host settings: Payments:Stripe:SecretKey = stripe.SecretKey, :WebhookSecret = stripe.WebhookSecret,
//                  :ApiBase = stripe.ApiBase
//   stripe.WebhookClient = factory.ClientFor("sst68.sante-travail.example");  // where events are POSTed
//                                                                              // (path FakeStripe.WebhookPath)
//   … the code under test creates objects through Stripe.net …
//   stripe.CheckoutSessions / PaymentIntents / SetupIntents / Customers / PaymentMethods: what exists (JSON as Stripe returns it)
//   stripe.Requests: every API call received (method, path, parsed form, Idempotency-Key)
//   await stripe.CompleteCheckoutAsync(sessionId)        → session paid + its PaymentIntent succeeded, sends checkout.session.completed
//   await stripe.SucceedPaymentIntentAsync(id) / FailPaymentIntentAsync(id) → payment_intent.succeeded / .payment_failed
//   await stripe.SendEventAsync(type, dataObject)        → any event, signed with WebhookSecret (or another secret)
//   await stripe.ReplayAsync(stripeEvent)               → the same event (same id) again, freshly signed
//   stripe.FailNext("/v1/payment_intents", 402, "card_declined", "…")  → the next matching call answers that error
// payment_method_types of sessions and intents echo what was asked ((allowed_)payment_method_types), card by default;
// a checkout session's expires_at is the one asked (24 hours by default).
// Supported API: POST/GET /v1/customers, /v1/checkout/sessions, /v1/payment_intents (+/{id}/confirm, /{id}/cancel),
// /v1/setup_intents (+/{id}/confirm; payment_method_data[type]=sepa_debit with [sepa_debit][iban]), GET
// /v1/payment_methods/{id}, /v1/mandates/{id}. Confirmed sepa_debit PaymentIntents stay "processing" until the test
// settles them; confirmed card ones succeed. A checkout page (GET {session.url}) shows a « Payer » button that
// completes the session, sends the webhook and redirects to the success_url (for browser tests).
public sealed class FakeStripe : IAsyncDisposable
{
    public const string WebhookPath = "/api/stripe/webhook";
    public string SecretKey { get; } = "sk_test_fake_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
    public string WebhookSecret { get; } = "whsec_fake_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
    /// <summary>Base address to give Stripe.net (<c>StripeClient(apiBase: …)</c>), e.g. http://127.0.0.1:41234.</summary>
    public string ApiBase { get; private set; } = "";

    /// <summary>Where events are POSTed (at <see cref="WebhookPath"/>); a client of the host under test.</summary>
    public HttpClient? WebhookClient { get; set; }

    private readonly TimeProvider clock;
    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly Dictionary<string, JsonObject> objects = new();
    private readonly List<FakeStripeRequest> requests = [];
    private readonly List<FakeStripeEvent> events = [];
    private readonly Dictionary<string, (int Status, string Body, string Form)> idempotent = new();
    private readonly List<(string PathPrefix, int Status, string Code, string Message)> failures = [];
    private readonly Dictionary<string, TimeSpan> delays = new();
    private long counter;

    private FakeStripe(TimeProvider clock)
    {
        this.clock = clock;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "FakeStripe", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.Run(HandleAsync);
    }

    public static async Task<FakeStripe> StartAsync(TimeProvider? clock = null)
    {
        var fake = new FakeStripe(clock ?? TimeProvider.System);
        await fake.app.StartAsync();
        var address = fake.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.ApiBase = address.TrimEnd('/');
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    // ---- what tests read ----

    public IReadOnlyList<FakeStripeRequest> Requests { get { lock (gate) return requests.ToList(); } }
    public IReadOnlyList<FakeStripeEvent> Events { get { lock (gate) return events.ToList(); } }
    public IReadOnlyList<JsonObject> CheckoutSessions => OfKind("checkout.session");
    public IReadOnlyList<JsonObject> PaymentIntents => OfKind("payment_intent");
    public IReadOnlyList<JsonObject> SetupIntents => OfKind("setup_intent");
    public IReadOnlyList<JsonObject> Customers => OfKind("customer");
    public IReadOnlyList<JsonObject> PaymentMethods => OfKind("payment_method");
    public IReadOnlyList<JsonObject> Mandates => OfKind("mandate");

    /// <summary>A copy of the object with this id (any kind), or null.</summary>
    public JsonObject? Find(string id) { lock (gate) return objects.TryGetValue(id, out var o) ? (JsonObject)o.DeepClone() : null; }

    /// <summary>Forget every object, request and event (between tests of a class).</summary>
    public void Reset()
    {
        lock (gate) { objects.Clear(); requests.Clear(); events.Clear(); idempotent.Clear(); failures.Clear(); delays.Clear(); }
    }

    /// <summary>Calls whose path starts with <paramref name="pathPrefix"/> wait this long before Stripe answers (a slow network: tests of races).</summary>
    public void Delay(string pathPrefix, TimeSpan delay)
    {
        lock (gate) delays[pathPrefix] = delay;
    }

    /// <summary>The next API call whose path starts with <paramref name="pathPrefix"/> answers this Stripe error.</summary>
    public void FailNext(string pathPrefix, int status = 402, string code = "card_declined", string message = "Your card was declined.")
    {
        lock (gate) failures.Add((pathPrefix, status, code, message));
    }

    private IReadOnlyList<JsonObject> OfKind(string kind)
    {
        lock (gate)
            return objects.Values.Where(o => (string?)o["object"] == kind).Select(o => (JsonObject)o.DeepClone()).ToList();
    }

    // ---- what Stripe does on its side, and the events it sends ----

    /// <summary>The customer paid on the checkout page: session complete and paid, a succeeded PaymentIntent, checkout.session.completed sent.</summary>
    public async Task<HttpResponseMessage> CompleteCheckoutAsync(string sessionId)
    {
        JsonObject session;
        lock (gate)
        {
            session = objects[sessionId];
            var pi = NewPaymentIntent(new JsonObject
            {
                ["amount"] = session["amount_total"]!.ToString(),
                ["currency"] = (string?)session["currency"] ?? "eur",
                ["customer"] = (string?)session["customer"],
                ["metadata"] = session["payment_intent_data_metadata"]?.DeepClone() ?? new JsonObject(),
                ["payment_method_types"] = new JsonArray("card"),
            });
            pi["status"] = "succeeded";
            pi["amount_received"] = pi["amount"]!.DeepClone();
            session["status"] = "complete";
            session["payment_status"] = "paid";
            session["payment_intent"] = (string)pi["id"]!;
            session = (JsonObject)session.DeepClone();
        }
        session.Remove("payment_intent_data_metadata");
        return await SendEventAsync("checkout.session.completed", session);
    }

    /// <summary>A processing (SEPA) or pending PaymentIntent succeeds; payment_intent.succeeded sent.</summary>
    public Task<HttpResponseMessage> SucceedPaymentIntentAsync(string paymentIntentId) =>
        SettleAsync(paymentIntentId, pi =>
        {
            pi["status"] = "succeeded";
            pi["amount_received"] = pi["amount"]!.DeepClone();
            pi["last_payment_error"] = null;
        }, "payment_intent.succeeded");

    /// <summary>The bank refused the debit or the card: payment_intent.payment_failed sent.</summary>
    public Task<HttpResponseMessage> FailPaymentIntentAsync(string paymentIntentId, string code = "insufficient_funds", string message = "The account has insufficient funds.") =>
        SettleAsync(paymentIntentId, pi =>
        {
            pi["status"] = "requires_payment_method";
            pi["last_payment_error"] = new JsonObject { ["type"] = "card_error", ["code"] = code, ["message"] = message };
        }, "payment_intent.payment_failed");

    private async Task<HttpResponseMessage> SettleAsync(string id, Action<JsonObject> change, string eventType)
    {
        JsonObject copy;
        lock (gate)
        {
            change(objects[id]);
            copy = (JsonObject)objects[id].DeepClone();
        }
        return await SendEventAsync(eventType, copy);
    }

    /// <summary>Sends a new event (fresh evt_ id) carrying <paramref name="dataObject"/>, signed with <paramref name="secret"/> (the webhook secret by default).</summary>
    public async Task<HttpResponseMessage> SendEventAsync(string type, JsonObject dataObject, string? secret = null, DateTimeOffset? signedAt = null)
    {
        var created = clock.GetUtcNow().ToUnixTimeSeconds();
        var json = new JsonObject
        {
            ["id"] = "evt_" + NextId(),
            ["object"] = "event",
            ["api_version"] = Stripe.StripeConfiguration.ApiVersion,
            ["created"] = created,
            ["data"] = new JsonObject { ["object"] = dataObject.DeepClone() },
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = type,
        }.ToJsonString();
        var stripeEvent = new FakeStripeEvent((string)JsonNode.Parse(json)!["id"]!, type, json);
        lock (gate) events.Add(stripeEvent);
        return await PostAsync(json, secret, signedAt);
    }

    /// <summary>Sends an event again (same id and payload), as Stripe does when it retries.</summary>
    public Task<HttpResponseMessage> ReplayAsync(FakeStripeEvent stripeEvent, string? secret = null) => PostAsync(stripeEvent.Json, secret, null);

    /// <summary>Posts a raw payload with a signature header made with <paramref name="secret"/> (the webhook secret by default).</summary>
    public async Task<HttpResponseMessage> PostAsync(string payload, string? secret = null, DateTimeOffset? signedAt = null)
    {
        var client = WebhookClient ?? throw new InvalidOperationException("Set FakeStripe.WebhookClient to a client of the host first.");
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookPath) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", Signature(payload, signedAt ?? clock.GetUtcNow(), secret ?? WebhookSecret));
        return await client.SendAsync(request);
    }

    /// <summary>Stripe's signature header: <c>t={unix},v1=hex(HMAC-SHA256(secret, "{t}.{payload}"))</c>.</summary>
    public static string Signature(string payload, DateTimeOffset signedAt, string secret)
    {
        var t = signedAt.ToUnixTimeSeconds();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{payload}"));
        return $"t={t},v1={Convert.ToHexString(mac).ToLowerInvariant()}";
    }

    // ---- the HTTP side ----

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/checkout/", StringComparison.Ordinal))
        {
            await CheckoutPageAsync(context, path);
            return;
        }

        var fields = new List<KeyValuePair<string, string>>();
        foreach (var (k, v) in context.Request.Query) fields.Add(new(k, v.ToString()));
        if (context.Request.HasFormContentType)
            foreach (var (k, v) in await context.Request.ReadFormAsync()) fields.Add(new(k, v.ToString()));
        var form = FakeStripeForm.Parse(fields);
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        var method = context.Request.Method;
        TimeSpan wait;
        lock (gate) wait = delays.Where(d => path.StartsWith(d.Key, StringComparison.Ordinal)).Select(d => d.Value).DefaultIfEmpty().Max();
        if (wait > TimeSpan.Zero) await Task.Delay(wait);

        int status; string body;
        lock (gate)
        {
            requests.Add(new FakeStripeRequest(method, path, (JsonObject)form.DeepClone(), key.Length == 0 ? null : key));
            if (context.Request.Headers.Authorization.ToString() != "Bearer " + SecretKey)
                (status, body) = (401, Error("invalid_request_error", null, "Invalid API Key provided.", null));
            else if (method == "POST" && key.Length > 0 && idempotent.TryGetValue(method + path + key, out var earlier))
                // As Stripe: the same key with other parameters is refused, never answered with the first result.
                (status, body) = earlier.Form == form.ToJsonString() ? (earlier.Status, earlier.Body)
                    : (400, Error("idempotency_error", null, $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request.", null));
            else
            {
                var failure = failures.FirstOrDefault(f => path.StartsWith(f.PathPrefix, StringComparison.Ordinal));
                if (failure.PathPrefix is not null)
                {
                    failures.Remove(failure);
                    (status, body) = (failure.Status, Error(failure.Status == 402 ? "card_error" : "invalid_request_error", failure.Code, failure.Message, null));
                }
                else
                {
                    try { (status, body) = (200, Route(method, path, form).ToJsonString()); }
                    catch (FakeStripeError e) { (status, body) = (e.Status, Error("invalid_request_error", e.Code, e.Message, e.Param)); }
                }
                if (method == "POST" && key.Length > 0) idempotent[method + path + key] = (status, body, form.ToJsonString());
            }
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = "req_" + NextId();
        await context.Response.WriteAsync(body);
    }

    private static string Error(string type, string? code, string message, string? param) =>
        new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["code"] = code, ["message"] = message, ["param"] = param } }.ToJsonString();

    private JsonObject Route(string method, string path, JsonObject form)
    {
        var parts = path.Trim('/').Split('/');
        if (parts.Length < 2 || parts[0] != "v1") throw new FakeStripeError(404, null, $"Unrecognized request URL ({method}: {path}).");
        var resource = parts[1] == "checkout" && parts.Length > 2 ? "checkout/" + parts[2] : parts[1];
        var rest = parts.Skip(resource.Contains('/') ? 3 : 2).ToArray();
        var kind = resource switch
        {
            "customers" => "customer",
            "checkout/sessions" => "checkout.session",
            "payment_intents" => "payment_intent",
            "setup_intents" => "setup_intent",
            "payment_methods" => "payment_method",
            "mandates" => "mandate",
            _ => throw new FakeStripeError(404, null, $"Unrecognized request URL ({method}: {path})."),
        };
        if (rest.Length == 0 && method == "POST")
            return kind switch
            {
                "customer" => NewCustomer(form),
                "checkout.session" => NewCheckoutSession(form),
                "payment_intent" => NewPaymentIntent(form),
                "setup_intent" => NewSetupIntent(form),
                _ => throw new FakeStripeError(404, null, $"Unrecognized request URL ({method}: {path})."),
            };
        if (rest.Length == 0) throw new FakeStripeError(404, null, "Listing is not supported by the fake.");
        var target = Existing(rest[0], kind);
        if (rest.Length == 1 && method == "GET") return Public(target);
        if (rest.Length == 1 && method == "POST")
        {
            if (form["metadata"] is JsonObject metadata) target["metadata"] = metadata.DeepClone();
            return Public(target);
        }
        return (kind, rest[1]) switch
        {
            ("payment_intent", "confirm") => Public(ConfirmPaymentIntent(target, form)),
            ("payment_intent", "cancel") => Public(Set(target, "status", "canceled")),
            ("setup_intent", "confirm") => Public(ConfirmSetupIntent(target, form)),
            _ => throw new FakeStripeError(404, null, $"Unrecognized request URL ({method}: {path})."),
        };
    }

    private static JsonObject Set(JsonObject o, string key, string value) { o[key] = value; return o; }

    private static JsonObject Public(JsonObject o)
    {
        var copy = (JsonObject)o.DeepClone();
        copy.Remove("payment_intent_data_metadata");
        return copy;
    }

    private JsonObject Existing(string id, string kind) =>
        objects.TryGetValue(id, out var o) && (string?)o["object"] == kind ? o
            : throw new FakeStripeError(404, "resource_missing", $"No such {kind}: '{id}'", "id");

    private string NextId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant() + Interlocked.Increment(ref counter).ToString("D6");

    private long Now => clock.GetUtcNow().ToUnixTimeSeconds();

    private JsonObject Store(string prefix, string kind, JsonObject o)
    {
        var id = prefix + NextId();
        var stored = new JsonObject { ["id"] = id, ["object"] = kind, ["created"] = Now, ["livemode"] = false };
        foreach (var (k, v) in o) stored[k] = v?.DeepClone();
        objects[id] = stored;
        return stored;
    }

    private static string? Text(JsonObject form, string key) => (string?)form[key];

    /// <summary>
    /// The payment method types asked, echoed as Stripe does in the object's payment_method_types: Stripe.net 53 sends them as
    /// allowed_payment_method_types (older clients as payment_method_types); card when none is asked.
    /// </summary>
    private static JsonNode MethodTypes(JsonObject form) =>
        (form["allowed_payment_method_types"] ?? form["payment_method_types"])?.DeepClone() ?? new JsonArray("card");

    private static long Long(JsonNode? value, string param) =>
        value is not null && long.TryParse(value.ToString(), out var n) ? n : throw new FakeStripeError(400, "parameter_missing", $"Missing required param: {param}.", param);

    private JsonObject NewCustomer(JsonObject form) => Store("cus_", "customer", new JsonObject
    {
        ["email"] = Text(form, "email"),
        ["name"] = Text(form, "name"),
        ["description"] = Text(form, "description"),
        ["metadata"] = form["metadata"]?.DeepClone() ?? new JsonObject(),
    });

    private JsonObject NewCheckoutSession(JsonObject form)
    {
        var mode = Text(form, "mode") ?? throw new FakeStripeError(400, "parameter_missing", "Missing required param: mode.", "mode");
        if (Text(form, "success_url") is null) throw new FakeStripeError(400, "parameter_missing", "Missing required param: success_url.", "success_url");
        long total = 0; string? currency = null;
        foreach (var item in form["line_items"] as JsonArray ?? [])
        {
            var price = item!["price_data"] as JsonObject ?? throw new FakeStripeError(400, "parameter_missing", "line_items[0][price_data] is required by the fake.", "line_items");
            total += Long(price["unit_amount"], "line_items[0][price_data][unit_amount]") * Long(item["quantity"] ?? JsonValue.Create("1"), "quantity");
            currency = (string?)price["currency"];
        }
        if (mode == "payment" && total <= 0) throw new FakeStripeError(400, "parameter_missing", "A payment session needs line_items with an amount.", "line_items");
        var session = Store("cs_test_", "checkout.session", new JsonObject
        {
            ["mode"] = mode,
            ["status"] = "open",
            ["payment_status"] = "unpaid",
            ["amount_total"] = total,
            ["amount_subtotal"] = total,
            ["currency"] = currency ?? Text(form, "currency") ?? "eur",
            ["customer"] = Text(form, "customer"),
            ["customer_email"] = Text(form, "customer_email"),
            ["client_reference_id"] = Text(form, "client_reference_id"),
            ["success_url"] = Text(form, "success_url"),
            ["cancel_url"] = Text(form, "cancel_url"),
            ["metadata"] = form["metadata"]?.DeepClone() ?? new JsonObject(),
            ["payment_intent"] = null,
            ["payment_method_types"] = MethodTypes(form),
            ["expires_at"] = Text(form, "expires_at") is { } expiresAt ? long.Parse(expiresAt) : Now + 24 * 3600,
            ["payment_intent_data_metadata"] = (form["payment_intent_data"] as JsonObject)?["metadata"]?.DeepClone(),
        });
        session["url"] = $"{ApiBase}/checkout/{session["id"]}";
        return Public(session);
    }

    private JsonObject NewPaymentIntent(JsonObject form)
    {
        var amount = Long(form["amount"], "amount");
        var pi = Store("pi_", "payment_intent", new JsonObject
        {
            ["amount"] = amount,
            ["amount_received"] = 0,
            ["currency"] = Text(form, "currency") ?? throw new FakeStripeError(400, "parameter_missing", "Missing required param: currency.", "currency"),
            ["customer"] = Text(form, "customer"),
            ["description"] = Text(form, "description"),
            ["metadata"] = form["metadata"]?.DeepClone() ?? new JsonObject(),
            ["payment_method"] = Text(form, "payment_method"),
            ["payment_method_types"] = MethodTypes(form),
            ["mandate"] = Text(form, "mandate"),
            ["off_session"] = Text(form, "off_session") == "true",
            ["status"] = Text(form, "payment_method") is null ? "requires_payment_method" : "requires_confirmation",
            ["last_payment_error"] = null,
        });
        pi["client_secret"] = $"{pi["id"]}_secret_{NextId()}";
        return Text(form, "confirm") == "true" ? ConfirmPaymentIntent(pi, form) : pi;
    }

    private JsonObject ConfirmPaymentIntent(JsonObject pi, JsonObject form)
    {
        if (Text(form, "payment_method") is { } pm) pi["payment_method"] = pm;
        if (Text(form, "mandate") is { } mandate) pi["mandate"] = mandate;
        var methodId = (string?)pi["payment_method"] ?? throw new FakeStripeError(400, "payment_intent_unexpected_state",
            "You cannot confirm this PaymentIntent because it's missing a payment method.", "payment_method");
        var type = objects.TryGetValue(methodId, out var method) ? (string?)method["type"] : "card";
        // SEPA debits take days at the bank: they wait in "processing" until the test settles them.
        pi["status"] = type == "sepa_debit" ? "processing" : "succeeded";
        if (type != "sepa_debit") pi["amount_received"] = pi["amount"]!.DeepClone();
        return pi;
    }

    private JsonObject NewSetupIntent(JsonObject form)
    {
        var si = Store("seti_", "setup_intent", new JsonObject
        {
            ["customer"] = Text(form, "customer"),
            ["description"] = Text(form, "description"),
            ["metadata"] = form["metadata"]?.DeepClone() ?? new JsonObject(),
            ["payment_method"] = Text(form, "payment_method"),
            ["payment_method_types"] = MethodTypes(form),
            ["usage"] = Text(form, "usage") ?? "off_session",
            ["status"] = "requires_payment_method",
            ["mandate"] = null,
            ["last_setup_error"] = null,
        });
        si["client_secret"] = $"{si["id"]}_secret_{NextId()}";
        if (form["payment_method_data"] is JsonObject data) si["payment_method"] = (string)NewPaymentMethod(data, (string?)si["customer"])["id"]!;
        if (si["payment_method"] is not null) si["status"] = "requires_confirmation";
        return Text(form, "confirm") == "true" ? ConfirmSetupIntent(si, form) : si;
    }

    private JsonObject ConfirmSetupIntent(JsonObject si, JsonObject form)
    {
        if (Text(form, "payment_method") is { } pm) si["payment_method"] = pm;
        if (form["payment_method_data"] is JsonObject data) si["payment_method"] = (string)NewPaymentMethod(data, (string?)si["customer"])["id"]!;
        var methodId = (string?)si["payment_method"] ?? throw new FakeStripeError(400, "setup_intent_unexpected_state",
            "You cannot confirm this SetupIntent because it's missing a payment method.", "payment_method");
        var method = Existing(methodId, "payment_method");
        if ((string?)method["type"] == "sepa_debit")
        {
            var acceptance = (form["mandate_data"] as JsonObject)?["customer_acceptance"] as JsonObject
                ?? throw new FakeStripeError(400, "parameter_missing", "mandate_data[customer_acceptance] is required to confirm a sepa_debit SetupIntent.", "mandate_data");
            var mandate = Store("mandate_", "mandate", new JsonObject
            {
                ["payment_method"] = methodId,
                ["status"] = "active",
                ["type"] = "multi_use",
                ["customer_acceptance"] = acceptance.DeepClone(),
                ["payment_method_details"] = new JsonObject
                {
                    ["type"] = "sepa_debit",
                    ["sepa_debit"] = new JsonObject { ["reference"] = Text(form, "mandate_reference") ?? "FAKE-" + NextId().ToUpperInvariant(), ["url"] = $"{ApiBase}/mandates/{methodId}" },
                },
            });
            si["mandate"] = (string)mandate["id"]!;
        }
        si["status"] = "succeeded";
        return si;
    }

    private JsonObject NewPaymentMethod(JsonObject data, string? customer)
    {
        var type = Text(data, "type") ?? throw new FakeStripeError(400, "parameter_missing", "Missing required param: payment_method_data[type].", "payment_method_data[type]");
        var details = new JsonObject();
        if (type == "sepa_debit")
        {
            var iban = (((data["sepa_debit"] as JsonObject)?["iban"])?.ToString() ?? "").Replace(" ", "").ToUpperInvariant();
            if (!IbanIsValid(iban))
                throw new FakeStripeError(400, "invalid_bank_account_iban", "The IBAN you provided is invalid.", "payment_method_data[sepa_debit][iban]");
            details = new JsonObject { ["country"] = iban[..2], ["last4"] = iban[^4..], ["bank_code"] = iban.Length > 9 ? iban[4..9] : "", ["fingerprint"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(iban)))[..16] };
        }
        return Store("pm_", "payment_method", new JsonObject
        {
            ["type"] = type,
            ["customer"] = customer,
            ["billing_details"] = data["billing_details"]?.DeepClone() ?? new JsonObject(),
            [type] = details,
        });
    }

    private static bool IbanIsValid(string iban)
    {
        if (iban.Length < 15 || iban.Length > 34 || !iban.All(char.IsAsciiLetterOrDigit)) return false;
        var rearranged = iban[4..] + iban[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            var digits = char.IsAsciiDigit(c) ? (c - '0').ToString() : (c - 'A' + 10).ToString();
            foreach (var d in digits) remainder = (remainder * 10 + (d - '0')) % 97;
        }
        return remainder == 1;
    }

    // The hosted checkout page: enough for a browser test to "pay".
    private async Task CheckoutPageAsync(HttpContext context, string path)
    {
        var parts = path.Trim('/').Split('/');
        JsonObject? session;
        lock (gate) session = parts.Length >= 2 && objects.TryGetValue(parts[1], out var s) ? (JsonObject)s.DeepClone() : null;
        if (session is null) { context.Response.StatusCode = 404; return; }
        var id = (string)session["id"]!;
        if (context.Request.Method == "POST" && parts.Length == 3 && parts[2] == "pay")
        {
            if ((string?)session["status"] == "open") (await CompleteCheckoutAsync(id)).Dispose();
            context.Response.Redirect(((string?)session["success_url"] ?? "/").Replace("{CHECKOUT_SESSION_ID}", id));
            return;
        }
        var amount = (long)session["amount_total"]! / 100m;
        var cancel = WebUtility.HtmlEncode(((string?)session["cancel_url"] ?? "/").Replace("{CHECKOUT_SESSION_ID}", id));
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($"""
            <!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Stripe (factice)</title></head><body>
            <h1>Paiement par carte (Stripe factice)</h1>
            <p>Montant : <span id="amount">{amount.ToString("0.00", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"))} €</span></p>
            <form method="post" action="/checkout/{id}/pay"><button type="submit">Payer</button></form>
            <p><a href="{cancel}">Annuler</a></p></body></html>
            """);
    }
}

/// <summary>One API call the fake received; <paramref name="Form"/> is the parsed form or query.</summary>
public sealed record FakeStripeRequest(string Method, string Path, JsonObject Form, string? IdempotencyKey);

/// <summary>An event the fake sent; <paramref name="Json"/> is the exact payload (replay it with <see cref="FakeStripe.ReplayAsync"/>).</summary>
public sealed record FakeStripeEvent(string Id, string Type, string Json);

internal sealed class FakeStripeError(int status, string? code, string message, string? param = null) : Exception(message)
{
    public int Status { get; } = status;
    public string? Code { get; } = code;
    public string? Param { get; } = param;
}
