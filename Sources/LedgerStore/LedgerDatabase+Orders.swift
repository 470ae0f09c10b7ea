import GRDB
import LedgerCore

extension LedgerDatabase {
    /// Orders from the projection, filtered, in order_ref order; `each` is called per row so output can stream.
    package func orders(_ filter: OrderFilter, _ each: (OrderSummary) throws -> Void) throws {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let status = filter.status {
            conditions.append("status = ?")
            arguments.append(status.rawValue)
        }
        if let fulfilment = filter.fulfilment {
            conditions.append("fulfilment = ?")
            arguments.append(fulfilment.rawValue)
        }
        if let complete = filter.complete {
            conditions.append("complete = ?")
            arguments.append(complete ? 1 : 0)
        }
        if filter.withAnomalies { conditions.append("anomaly_count > 0") }
        if let since = filter.changedSince {
            conditions.append("last_recorded_at > ?")
            arguments.append(since.utcText)
        }
        if let customerRef = filter.customerRef {
            conditions.append("customer_ref = ?")
            arguments.append(customerRef)
        }
        var sql = """
            SELECT order_ref, complete, customer_ref, currency, status, fulfilment, total, paid, refunded, balance_due,
                line_count, anomaly_count, waiting_events, last_seq, last_recorded_at
            FROM orders
            """
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY order_ref"
        if let limit = filter.limit { sql += " LIMIT \(max(limit, 0))" }
        do {
            try writer.read { db in
                let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
                while let row = try rows.next() {
                    try each(OrderSummary(
                        orderRef: row[0], isComplete: row[1], customerRef: row[2], currency: row[3], status: row[4],
                        fulfilment: row[5], total: row[6], paid: row[7], refunded: row[8], balanceDue: row[9],
                        lineCount: row[10], anomalyCount: row[11], waitingEvents: row[12], lastSeq: row[13],
                        lastRecordedAt: row[14]
                    ))
                }
            }
        } catch let error as LedgerStoreError {
            throw error
        } catch let error as DatabaseError {
            throw LedgerStoreError.wrapping(error, doing: "listing orders")
        }
    }
}
