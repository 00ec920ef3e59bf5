import Shared

/// The Slack app's words, from the shared catalogue (`Catalogue+Slack.swift`).
typealias SlackText = Catalogue.Slack
