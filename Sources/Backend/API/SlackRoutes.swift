import HTTPServer
import Postgres
import Shared

/// The Slack app's endpoints. They carry no bearer token: each request is authenticated by
/// Slack's signature over its raw body instead, checked here before anything else is read, and
/// refused with a bare 401 (the reason goes to the log only) and no side effect.
struct SlackRoutes: Sendable {
  let app: SlackApp

  /// The routes over the API's pools; without a signing secret every Slack request is refused.
  init(configuration: Configuration, postgres: PostgresPool, queue: TaskQueue, logger: Logger) {
    var settings: SlackSettings
    do {
      settings = try SlackSettings(environment: configuration.environment)
    } catch {
      logger.error("slack_settings_invalid", [("error", .string(error.description))])
      settings = SlackSettings.refusingAll
    }
    self.app = SlackApp(
      configuration: configuration, settings: settings, postgres: postgres, queue: queue,
      logger: logger)
  }

  func register(in router: inout Router) {
    let app = self.app
    router.addDeferred("POST", "/slack/commands", .open) { context, respond throws(APIError) in
      try SlackRoutes.verify(context.request, app)
      SlackCommands(app: app).handle(try SlackRoutes.form(context), respond)
    }
    router.add("POST", "/slack/interactions", .open) { context throws(APIError) in
      try SlackRoutes.verified(context, app) { form in SlackInteractions(app: app).handle(form) }
    }
    router.add("POST", "/slack/events", .open) { context throws(APIError) in
      try SlackRoutes.verify(context.request, app)
      return SlackEvents(app: app).handle(context.request.body)
    }
  }

  /// Verifies the signature, then decodes the form body; a body that is not a UTF-8 form is 400.
  private static func verified(
    _ context: RouteContext, _ app: SlackApp, _ body: ([String: String]) -> HTTPResponse
  ) throws(APIError) -> HTTPResponse {
    try verify(context.request, app)
    return body(try form(context))
  }

  private static func form(_ context: RouteContext) throws(APIError) -> [String: String] {
    guard let form = FormBody.decode(context.request.body) else {
      throw .badRequest("the body is not a UTF-8 form")
    }
    return form
  }

  private static func verify(_ request: HTTPRequest, _ app: SlackApp) throws(APIError) {
    do {
      try app.verifier.verify(request, now: SlackSignature.now())
    } catch {
      app.logger.warning("slack_request_refused", [("reason", .string(error.rawValue))])
      throw APIError(status: 401, code: "unauthorized", detail: "request not verified")
    }
  }
}
