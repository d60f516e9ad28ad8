"""parties: the people and organisations on the other side of a case (当事人, 检查对象)."""
