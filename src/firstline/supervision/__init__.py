"""The supervisor desk: handoffs, approvals, tickets and the audit log, for people at the company."""
