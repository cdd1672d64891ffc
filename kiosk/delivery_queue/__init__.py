"""One delivery queue for everything the kiosk sends the platform: submissions, ratings, and
any later kind; the verbs and their history live here once (kiosk.delivery_queue.queue)."""
