/// `GET /v2/businessProfile` (`GetBusinessProfileResponse`): the account's name, currency and time zone, which
/// `keap doctor` reports.
extension SandboxState {
    func businessProfile() -> SandboxReply {
        var object = SandboxObjectBuilder()
        object.set("name", string: "Keap sandbox")
        object.set("currency_code", string: currency.code)
        object.set("time_zone", string: configuration.timeZone)
        object.set("language_tag", string: "en-US")
        return SandboxReply(status: 200, json: object.value)
    }
}
